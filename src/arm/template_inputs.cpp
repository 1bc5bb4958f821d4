#include "arm/template_inputs.hpp"

#include "arm/input_file.hpp"
#include "arm/parameters.hpp"

namespace cmk::arm {

json::Value given_parameter_values(const TemplateInputs& inputs, Diagnostics& diagnostics) {
  json::Value values = json::Value::object();
  for (const std::string& path : inputs.parameter_files) {
    LoadResult loaded = load_file(path, path, inputs.max_file_size);
    for (Diagnostic& d : loaded.diagnostics) diagnostics.push_back(std::move(d));
    if (!loaded.file) continue;
    if (loaded.file->kind != FileKind::Parameters) {
      diagnostics.push_back(Diagnostic{DiagnosticLevel::Error,
                                       path,
                                       0,
                                       0,
                                       "not a parameters file (its $schema is not "
                                       "deploymentParameters.json)",
                                       {}});
      continue;
    }
    apply_overrides(values, parameter_values_of(*loaded.file, diagnostics));
  }
  return values;
}

ModelOptions model_options_for(const std::filesystem::path& tmpl, const TemplateInputs& inputs,
                               const json::Value& given, Diagnostics& diagnostics) {
  ModelOptions options;
  options.deployment = inputs.deployment;
  options.now = inputs.now;
  options.max_file_size = inputs.max_file_size;
  options.parameters = inputs.auto_parameters
                           ? paired_parameter_values(tmpl, diagnostics, inputs.max_file_size)
                           : json::Value::object();
  apply_overrides(options.parameters, given);
  apply_overrides(options.parameters, inputs.parameter_overrides);
  return options;
}

}  // namespace cmk::arm
