#pragma once
// Builds the resources of a template (array or languageVersion 2.0 symbolic object), its child
// resources and nested inline deployments, or of an exported live-resource file.

#include <vector>

#include "arm/input_file.hpp"
#include "arm/resource.hpp"
#include "json/diagnostic.hpp"

namespace cmk::arm {

struct Model {
  std::vector<Resource> resources;
  Diagnostics diagnostics;  // structural problems (e.g. a resource without a type)
};

// The file must outlive the model: resources point into its tree.
Model build_model(const InputFile& file);

// True for a string holding an ARM expression: "[...]" but not the "[[" escape.
bool is_expression(const json::Value& v);

// Until expressions are evaluated, every expression string is Unknown, never guessed.
json::Value mark_expressions_unknown(const json::Value& v);

}  // namespace cmk::arm
