#include "verify/verify_run.hpp"

#include <filesystem>

#include "arm/template_inputs.hpp"

namespace cmk::crypto {

namespace {

Diagnostic error(const std::string& file, std::string message) {
  return Diagnostic{DiagnosticLevel::Error, file, 0, 0, std::move(message), {}};
}

void append(Diagnostics& to, Diagnostics&& from) {
  for (Diagnostic& d : from) to.push_back(std::move(d));
}

}  // namespace

VerifyRun verify_templates(const VerifyOptions& options, Vault& vault) {
  VerifyRun run;
  const json::Value given = arm::given_parameter_values(options.inputs, run.diagnostics);
  for (const std::string& path : options.templates) {
    ++run.files;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      run.diagnostics.push_back(error(path, "is a directory; verify takes template files"));
      continue;
    }
    arm::LoadResult loaded = arm::load_file(path, path, options.inputs.max_file_size);
    append(run.diagnostics, std::move(loaded.diagnostics));
    if (!loaded.file) continue;
    arm::InputFile& file = *loaded.file;
    if (file.kind == arm::FileKind::Parameters) {
      run.diagnostics.push_back(
          error(path, "is a parameters file, not a template (give it with --parameters)"));
      continue;
    }
    // Templates without $schema are still templates here: the user named the file.
    if (file.kind == arm::FileKind::Other) file.kind = arm::FileKind::Template;

    const arm::ModelOptions model =
        arm::model_options_for(path, options.inputs, given, run.diagnostics);
    TemplateVerification verified = verify_template(file, model, vault, options.now);
    append(run.diagnostics, std::move(verified.diagnostics));
    verified.diagnostics.clear();
    run.templates.push_back(std::move(verified));
  }
  return run;
}

}  // namespace cmk::crypto
