#include "pipeline/prepared_input.hpp"

#include "arm/bicep_build.hpp"

namespace cmk::pipeline {

namespace fs = std::filesystem;

bool PreparedInput::modelled() const {
  return loaded.file && (loaded.file->kind == arm::FileKind::Template ||
                         loaded.file->kind == arm::FileKind::LiveResources);
}

std::string input_display_name(const fs::path& path) {
  return path == "-" ? kStdinName : path.lexically_normal().generic_string();
}

std::string input_absolute_name(const fs::path& path) {
  return path == "-" ? kStdinName : fs::absolute(path).lexically_normal().generic_string();
}

arm::LoadResult load_input(const fs::path& path, const std::string& display,
                           const InputOptions& options) {
  if (path == "-") {
    if (options.stdin_text) return arm::load_text(display, *options.stdin_text);
    arm::LoadResult none;
    none.diagnostics.push_back(
        Diagnostic{DiagnosticLevel::Error, display, 0, 0, "standard input was not read", {}});
    return none;
  }
  if (json::to_lower(path.extension().string()) != ".bicep") {
    return arm::load_file(path, display, options.inputs.max_file_size);
  }
  arm::LoadResult result;
  if (!options.compile_bicep) {
    result.diagnostics.push_back(
        Diagnostic{DiagnosticLevel::Warning, display, 0, 0, arm::bicep_not_compiled_message(), {}});
    return result;
  }
  arm::BicepBuild build = arm::build_bicep(path);
  if (!build.json) {
    result.diagnostics.push_back(
        Diagnostic{DiagnosticLevel::Error, display, 0, 0, std::move(build.error), {}});
    return result;
  }
  // Line numbers are those of the compiled template; the file named is the Bicep source.
  result = arm::load_text(display, std::move(*build.json));
  if (result.file) result.file->path = path;
  return result;
}

arm::ModelOptions model_options_for(const fs::path& path, const std::string& absolute,
                                    arm::FileKind kind, const InputOptions& options,
                                    const json::Value& given, Diagnostics& diagnostics) {
  arm::ModelOptions model;
  if (kind == arm::FileKind::Template) {
    model = arm::model_options_for(path, options.inputs, given, diagnostics);
  } else {
    // An export's values are already evaluated: only the context applies.
    model.deployment = options.inputs.deployment;
    model.now = options.inputs.now;
    model.max_file_size = options.inputs.max_file_size;
  }
  for (const rules::DeploymentMapping& m : options.deployments) {
    if (!m.files->matches(absolute)) continue;
    arm::expr::DeploymentContext& c = model.deployment;
    if (m.context.subscription_id) c.subscription_id = m.context.subscription_id;
    if (m.context.resource_group) c.resource_group = m.context.resource_group;
    if (m.context.location) c.location = m.context.location;
    if (m.context.tenant_id) c.tenant_id = m.context.tenant_id;
    break;
  }
  model.link_roots = options.link_roots;
  return model;
}

std::unique_ptr<PreparedInput> prepare_input(const fs::path& path, const InputOptions& options,
                                             const json::Value& given) {
  auto owned = std::make_unique<PreparedInput>();
  PreparedInput& p = *owned;
  p.display = input_display_name(path);
  p.absolute = input_absolute_name(path);
  p.loaded = load_input(path, p.display, options);
  p.diagnostics = std::move(p.loaded.diagnostics);
  p.loaded.diagnostics.clear();
  if (!p.modelled()) return owned;
  const arm::ModelOptions model =
      model_options_for(path, p.absolute, p.loaded.file->kind, options, given, p.diagnostics);
  p.model = arm::build_model(*p.loaded.file, model);
  return owned;
}

}  // namespace cmk::pipeline
