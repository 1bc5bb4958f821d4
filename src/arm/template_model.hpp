#pragma once
// Builds the resources of a template (array or languageVersion 2.0 symbolic object), its child
// resources, nested inline deployments and linked templates found locally (linked_templates.hpp),
// with every expression evaluated; or of an exported live-resource file. What cannot be known
// before deployment is Unknown, never guessed.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "arm/expr/context.hpp"
#include "arm/input_file.hpp"
#include "arm/resource.hpp"
#include "json/diagnostic.hpp"

namespace cmk::arm {

struct ModelOptions {
  // Values for the top-level template's parameters (name -> value); the rest take defaults.
  json::Value parameters = json::Value::object();
  // Location, subscription, tenant, resource group: symbolic unless given.
  expr::DeploymentContext deployment;
  // The time rules compare key dates with (Unix seconds, as Key Vault's attributes.exp and nbf
  // are); the clock's when not given.
  std::optional<int64_t> now;
  // A copy loop with a known count yields one resource per instance, up to this many; a loop cut
  // short is reported with a warning.
  size_t max_copy_instances = expr::kMaxCopyCount;
  // Folders linked templates may be read from (the scanned ones); the template's own folder
  // when empty.
  std::vector<std::filesystem::path> link_roots;
  // Largest linked template read, in bytes.
  std::uintmax_t max_file_size = kDefaultMaxFileSize;
};

struct Model {
  std::vector<Resource> resources;
  // The deployment's tenantId, subscriptionId, location and resourceGroup: concrete where the
  // context gives them, else the symbolic values the evaluator uses for them; and `now` (Unix
  // seconds). Rules compare with these through {context: NAME} operands.
  json::Value context = json::Value::object();
  Diagnostics diagnostics;  // evaluation errors and structural problems
  // The linked template files the model follows, each once: its resources point into them.
  std::vector<std::shared_ptr<const InputFile>> linked_files;
};

// The file must outlive the model: resources point into its tree.
Model build_model(const InputFile& file, const ModelOptions& options = {});
// The same with the model's `context` given: that of an earlier model built with the same
// options (a live export streamed one resource at a time builds one model per resource).
Model build_model(const InputFile& file, const ModelOptions& options, json::Value context);

// True for a string holding an ARM expression: "[...]" but not the "[[" escape.
bool is_expression(const json::Value& v);

// Every expression string as Unknown: for values nothing evaluates (existing resources).
json::Value mark_expressions_unknown(const json::Value& v);

}  // namespace cmk::arm
