#include "verify/verify_run.hpp"

#include <filesystem>

#include "arm/template_inputs.hpp"
#include "pipeline/prepared_input.hpp"

namespace cmk::verify {

using crypto::Vault;

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
  pipeline::InputOptions input;
  input.inputs = options.inputs;
  const json::Value given = arm::given_parameter_values(input.inputs, run.diagnostics);
  for (const std::string& path : options.templates) {
    ++run.files;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      run.diagnostics.push_back(error(path, "is a directory; verify takes template files"));
      continue;
    }
    const std::unique_ptr<pipeline::PreparedInput> owned =
        pipeline::prepare_input(path, input, given);
    pipeline::PreparedInput& prepared = *owned;
    append(run.diagnostics, std::move(prepared.diagnostics));
    if (!prepared.loaded.file) continue;
    if (prepared.loaded.file->kind == arm::FileKind::Parameters) {
      run.diagnostics.push_back(error(
          prepared.display, "is a parameters file, not a template (give it with --parameters)"));
      continue;
    }
    if (!prepared.modelled()) {
      run.diagnostics.push_back(
          error(prepared.display,
                "is neither an ARM template (its $schema names no deployment template) nor "
                "exported resources"));
      continue;
    }
    TemplateVerification verified =
        verify_template(*prepared.loaded.file, std::move(prepared.model), vault, options.now);
    append(run.diagnostics, std::move(verified.diagnostics));
    verified.diagnostics.clear();
    run.templates.push_back(std::move(verified));
  }
  return run;
}

}  // namespace cmk::verify
