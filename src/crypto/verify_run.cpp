#include "crypto/verify_run.hpp"

#include <filesystem>

#include "arm/parameters.hpp"

namespace cmk::crypto {

namespace {

Diagnostic error(const std::string& file, std::string message) {
  return Diagnostic{DiagnosticLevel::Error, file, 0, 0, std::move(message), {}};
}

void append(Diagnostics& to, Diagnostics&& from) {
  for (Diagnostic& d : from) to.push_back(std::move(d));
}

// The parameter files given on the command line, read once for every template.
json::Value given_parameters(const VerifyOptions& options, Diagnostics& diagnostics) {
  json::Value values = json::Value::object();
  for (const std::string& path : options.parameter_files) {
    arm::LoadResult loaded = arm::load_file(path, path);
    append(diagnostics, std::move(loaded.diagnostics));
    if (!loaded.file) continue;
    if (loaded.file->kind != arm::FileKind::Parameters) {
      diagnostics.push_back(
          error(path, "not a parameters file (its $schema is not deploymentParameters.json)"));
      continue;
    }
    arm::apply_overrides(values, arm::parameter_values_of(*loaded.file, diagnostics));
  }
  return values;
}

}  // namespace

VerifyRun verify_templates(const VerifyOptions& options, Vault& vault) {
  VerifyRun run;
  const json::Value given = given_parameters(options, run.diagnostics);
  for (const std::string& path : options.templates) {
    ++run.files;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      run.diagnostics.push_back(error(path, "is a directory; verify takes template files"));
      continue;
    }
    arm::LoadResult loaded = arm::load_file(path, path);
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

    arm::ModelOptions model;
    model.deployment = options.deployment;
    if (file.kind == arm::FileKind::Template) {
      model.parameters = options.auto_parameters
                             ? arm::paired_parameter_values(path, run.diagnostics)
                             : json::Value::object();
      arm::apply_overrides(model.parameters, given);
      arm::apply_overrides(model.parameters, options.parameter_overrides);
    }
    TemplateVerification verified = verify_template(file, model, vault, options.now);
    append(run.diagnostics, std::move(verified.diagnostics));
    verified.diagnostics.clear();
    run.templates.push_back(std::move(verified));
  }
  return run;
}

}  // namespace cmk::crypto
