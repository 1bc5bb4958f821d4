#pragma once
// One resource of the template model, as rules see it.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "json/source_text.hpp"
#include "json/value.hpp"

namespace cmk::arm {

// The template a resource is declared in: the top-level one or a nested inline deployment, each
// with its own parameters. Kept for the expression evaluator.
struct DeclaringTemplate {
  const json::Value* template_root = nullptr;  // the template object
  const json::Value* parameters = nullptr;     // nested deployment's properties.parameters
  bool outer = false;  // expressionEvaluationOptions.scope "outer": parent's names apply
  std::shared_ptr<const DeclaringTemplate> parent;
  std::string deployment_name;  // as written; empty for the top level
};

struct Resource {
  std::shared_ptr<const json::SourceText> source;
  // Points into the loaded file's tree, which outlives the model built from it.
  const json::Value* raw = nullptr;
  // What rules read: the resource with expressions evaluated; what cannot be known is Unknown.
  // `type` and `name` members hold the full (composed) values for child resources.
  json::Value body;

  std::string type;  // full type, e.g. Microsoft.KeyVault/vaults/keys
  std::string name;  // as written (child names composed "parent/child"), literal or expression
  std::optional<std::string> evaluated_name;  // when the name is known
  // The resource ID as the evaluator computes it: a string, a symbolic value when it depends on
  // the deployment context, or null when the name is not known. A live export's `id`.
  json::Value id;
  std::string symbolic_name;  // languageVersion 2.0 key
  std::string api_version;
  uint32_t offset = json::kNoOffset;  // the resource object's opening brace

  bool existing = false;  // `existing: true`: referenced, not deployed
  bool live = false;      // from an exported live resource, not a template
  std::shared_ptr<const DeclaringTemplate> scope;
  // When the resource's `condition` cannot be known before deployment: its expression. The
  // resource may not be deployed; results on it hold only if it is.
  std::string conditional;
  // Copy loop instance (0-based), or -1 outside a loop or when the count is unknown.
  int copy_index = -1;
  std::vector<std::string> deployment_path;  // enclosing nested deployments, outermost first

  // The display name: evaluated where known, else as written.
  const std::string& display_name() const { return evaluated_name ? *evaluated_name : name; }
};

}  // namespace cmk::arm
