#include "arm/expr/function_table.hpp"

#include <unordered_map>

#include "json/value.hpp"
#include "util/spelling.hpp"

namespace cmk::arm::expr {

namespace {

struct Registry {
  std::vector<FunctionSpec> specs;
  std::unordered_map<std::string, size_t> by_lower_name;

  Registry() {
    register_string_functions(specs);
    register_array_functions(specs);
    register_object_functions(specs);
    register_logical_functions(specs);
    register_numeric_functions(specs);
    register_date_functions(specs);
    register_deployment_functions(specs);
    register_resource_functions(specs);
    register_lambda_functions(specs);
    register_cidr_functions(specs);
    register_json_functions(specs);
    for (size_t i = 0; i < specs.size(); ++i) {
      by_lower_name.emplace(json::to_lower(specs[i].name), i);
    }
  }
};

const Registry& registry() {
  static const Registry r;
  return r;
}

std::optional<EvalError> check(const Node& node, const Environment* env) {
  if (node.type == NodeType::Call) {
    if (!node.ns.empty()) {
      if (env) {
        const UserFunction* fn = env->user_function(node.ns, node.text);
        if (!fn) {
          return EvalError{ErrorKind::UnknownFunction, node.column(),
                           "unknown user-defined function '" + node.ns + "." + node.text + "'"};
        }
        if (fn->parameters.size() != node.children.size()) {
          return EvalError{ErrorKind::Arguments, node.column(),
                           "function '" + node.ns + "." + node.text + "' expects " +
                               std::to_string(fn->parameters.size()) + " arguments, got " +
                               std::to_string(node.children.size())};
        }
      }
    } else {
      const FunctionSpec* spec = find_function(node.text);
      if (!spec) {
        return EvalError{ErrorKind::UnknownFunction, node.column(),
                         "unknown function '" + node.text + "'" +
                             cmk::did_you_mean(node.text, builtin_function_names())};
      }
      const int n = static_cast<int>(node.children.size());
      if (n < spec->min_args || (spec->max_args != kVariadic && n > spec->max_args)) {
        std::string expected;
        if (spec->max_args == kVariadic) {
          expected = "at least " + std::to_string(spec->min_args);
        } else if (spec->min_args == spec->max_args) {
          expected = std::to_string(spec->min_args);
        } else {
          expected = std::to_string(spec->min_args) + " to " + std::to_string(spec->max_args);
        }
        return EvalError{ErrorKind::Arguments, node.column(),
                         "function '" + std::string(spec->name) + "' expects " + expected +
                             " argument" + (expected == "1" ? "" : "s") + ", got " +
                             std::to_string(n)};
      }
    }
  }
  for (const Node& child : node.children) {
    if (auto e = check(child, env)) return e;
  }
  return std::nullopt;
}

}  // namespace

const FunctionSpec* find_function(std::string_view name) {
  const Registry& r = registry();
  const std::string lower = json::to_lower(name);
  auto it = r.by_lower_name.find(lower);
  if (it != r.by_lower_name.end()) return &r.specs[it->second];
  // Every list* function (listKeys, listSecrets, ...) is a POST on the resource: one entry.
  if (lower.size() > 4 && lower.rfind("list", 0) == 0) {
    it = r.by_lower_name.find("list");
    if (it != r.by_lower_name.end()) return &r.specs[it->second];
  }
  return nullptr;
}

std::vector<std::string_view> builtin_function_names() {
  std::vector<std::string_view> names;
  for (const FunctionSpec& s : registry().specs) names.push_back(s.name);
  return names;
}

std::optional<EvalError> check_functions(const Node& root, const Environment* env) {
  return check(root, env);
}

}  // namespace cmk::arm::expr
