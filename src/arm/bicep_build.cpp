#include "arm/bicep_build.hpp"

#include "util/subprocess.hpp"

namespace cmk::arm {

BicepBuild build_bicep(const std::filesystem::path& file) {
  BicepBuild build;
  std::vector<std::string> argv;
  if (find_on_path("bicep")) {
    argv = {"bicep", "build", file.string(), "--stdout"};
  } else if (find_on_path("az")) {
    argv = {"az", "bicep", "build", "--file", file.string(), "--stdout"};
  } else {
    build.no_compiler = true;
    build.error =
        "cannot compile Bicep: neither 'bicep' nor 'az' is on PATH (install the Bicep CLI, or "
        "compile with 'az bicep build' and scan the JSON)";
    return build;
  }
  ProcessResult run = run_process(argv);
  if (!run.output) {
    build.error = "cannot compile Bicep: " + run.error;
    return build;
  }
  if (run.output->exit_code != 0 || run.output->out.empty()) {
    std::string message = run.output->err;
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
      message.pop_back();
    }
    build.error =
        "'" + argv[0] + (argv[0] == "az" ? " bicep" : "") + " build' failed" +
        (run.output->exit_code > 0 ? " (exit code " + std::to_string(run.output->exit_code) + ")"
                                   : "") +
        (message.empty() ? "" : ": " + message);
    return build;
  }
  build.json = std::move(run.output->out);
  return build;
}

std::string bicep_not_compiled_message() {
  return "not scanned: a Bicep file must be compiled to an ARM template first "
         "('az bicep build --file FILE' or 'bicep build FILE'), or pass --bicep to compile it "
         "with the Bicep CLI on PATH";
}

}  // namespace cmk::arm
