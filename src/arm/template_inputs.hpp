#pragma once
// What a template is evaluated with, beyond its own text: parameter values (a parameters file
// paired with it, files given, name=value overrides) and the deployment context. Shared by
// `scan` and `verify`.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "arm/expr/context.hpp"
#include "arm/template_model.hpp"
#include "json/diagnostic.hpp"
#include "json/value.hpp"
#include "util/file_text.hpp"

namespace cmk::arm {

struct TemplateInputs {
  // Later sources override earlier: X.parameters.json beside a template X.json (unless
  // auto_parameters is off), then each parameter file given, then name=value overrides.
  bool auto_parameters = true;
  std::vector<std::string> parameter_files;
  json::Value parameter_overrides = json::Value::object();
  expr::DeploymentContext deployment;  // symbolic where not given
  std::optional<int64_t>
      now;  // Unix seconds rules compare key dates with; the clock's if not given
  // Largest file read (templates, parameter files, linked templates), in bytes.
  std::uintmax_t max_file_size = kDefaultMaxFileSize;
};

// The values of the parameter files given, read once for every template. A file that is not a
// parameters file is an error in `diagnostics`.
json::Value given_parameter_values(const TemplateInputs& inputs, Diagnostics& diagnostics);

// The model options for one template: its paired file, then `given`, then the overrides.
ModelOptions model_options_for(const std::filesystem::path& tmpl, const TemplateInputs& inputs,
                               const json::Value& given, Diagnostics& diagnostics);

}  // namespace cmk::arm
