#include "arm/expr/function_table.hpp"

#include <cstdint>

#include "json/value.hpp"
#include "util/spelling.hpp"

namespace cmk::arm::expr {

namespace {

// Branch-free: names are hashed and compared a character at a time.
char lower(char c) {
  return static_cast<char>(c | (static_cast<unsigned char>(c - 'A') < 26 ? 0x20 : 0));
}

// Hashes the lower-cased length, first, middle and last characters: enough to spread the
// library's names, and a name is hashed as spelled, without a lower-cased copy.
uint32_t lower_hash(std::string_view s) {
  const size_t n = s.size();
  const uint32_t h = static_cast<uint32_t>(n) ^ (static_cast<unsigned char>(lower(s[0])) << 8) ^
                     (static_cast<unsigned char>(lower(s[n / 2])) << 16) ^
                     (static_cast<unsigned char>(lower(s[n - 1])) << 24);
  return (h * 2654435761u) >> 16;
}

struct Registry {
  std::vector<FunctionSpec> specs;
  // Open addressing over lower-cased names: a lookup hashes and compares the name as spelled.
  // Four times as many slots as functions keeps probe sequences short.
  struct Slot {
    std::string lower_name;  // empty: free
    const FunctionSpec* spec = nullptr;
  };
  std::vector<Slot> slots;
  size_t mask = 0;
  const FunctionSpec* list = nullptr;  // the entry every list*() name maps to

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
    size_t size = 16;
    while (size < specs.size() * 4) size *= 2;
    slots.resize(size);
    mask = size - 1;
    for (const FunctionSpec& spec : specs) {
      std::string name = json::to_lower(spec.name);
      size_t i = lower_hash(name) & mask;
      // The first registration of a name wins.
      while (!slots[i].lower_name.empty() && slots[i].lower_name != name) i = (i + 1) & mask;
      if (slots[i].lower_name.empty()) slots[i] = Slot{std::move(name), &spec};
    }
    list = find(std::string_view("list"));
  }

  const FunctionSpec* find(std::string_view name) const {
    if (name.empty()) return nullptr;
    for (size_t i = lower_hash(name) & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots[i];
      if (slot.lower_name.empty()) return nullptr;
      // Most templates spell names canonically: an exact comparison usually settles it.
      if (slot.lower_name.size() == name.size() &&
          (slot.spec->name == name || same_lowered(slot.lower_name, name))) {
        return slot.spec;
      }
    }
  }
  static bool same_lowered(std::string_view lowered, std::string_view name) {
    for (size_t k = 0; k < name.size(); ++k) {
      if (lowered[k] != lower(name[k])) return false;
    }
    return true;
  }
};

const Registry& registry() {
  static const Registry r;
  return r;
}

// The checks of one node (not its children).
std::optional<EvalError> check_node(const Node& node, const Environment* env) {
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
      const FunctionSpec* spec = node.builtin ? node.builtin : find_function(node.text);
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
  return std::nullopt;
}

// Only calls and nodes with operands have anything to resolve or check: leaves (most arguments
// are literals) are not visited.
bool worth_visiting(const Node& node) {
  return node.type == NodeType::Call || !node.children.empty();
}

std::optional<EvalError> resolve_and_check_node(Node& node, const Environment* env) {
  if (node.type == NodeType::Call && node.ns.empty()) node.builtin = find_function(node.text);
  if (auto e = check_node(node, env)) return e;
  for (Node& child : node.children) {
    if (!worth_visiting(child)) continue;
    if (auto e = resolve_and_check_node(child, env)) return e;
  }
  return std::nullopt;
}

}  // namespace

const FunctionSpec* find_function(std::string_view name) {
  const Registry& r = registry();
  if (const FunctionSpec* spec = r.find(name)) return spec;
  // Every list* function (listKeys, listSecrets, ...) is a POST on the resource: one entry.
  if (name.size() > 4 && Registry::same_lowered("list", name.substr(0, 4))) return r.list;
  return nullptr;
}

std::vector<std::string_view> builtin_function_names() {
  std::vector<std::string_view> names;
  for (const FunctionSpec& s : registry().specs) names.push_back(s.name);
  return names;
}

std::optional<EvalError> resolve_and_check_functions(Node& root, const Environment* env) {
  return resolve_and_check_node(root, env);
}

}  // namespace cmk::arm::expr
