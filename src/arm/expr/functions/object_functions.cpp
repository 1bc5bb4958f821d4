// Object functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-object

#include <algorithm>
#include <optional>

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {
namespace {

Outcome create_object_fn(Call& c) {
  if (c.args.size() % 2 != 0) return c.error("createObject() expects key/value pairs");
  Value out = Value::object();
  for (size_t i = 0; i < c.args.size(); i += 2) {
    const Value& key = c.args[i];
    if (key.is_unknown()) return key;
    if (key.is_symbolic()) return blocked(c, key);
    if (!key.is_string()) return type_error(c, i, "a String (a property name)");
    out.set(key.as_string(), c.args[i + 1]);
  }
  return out;
}

Outcome null_fn(Call&) { return Value::null(); }

Outcome object_keys_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_unknown()) return v;
  if (!v.is_object()) return type_error(c, 0, "an Object");
  json::Array keys;
  for (const json::Member& m : v.members()) keys.push_back(Value::string(m.key));
  return Value::array(std::move(keys));
}

// items() lists an object's members as {key, value} objects sorted by key, as Azure does.
Outcome items_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_unknown()) return v;
  if (!v.is_object()) return type_error(c, 0, "an Object");
  std::vector<const json::Member*> members;
  for (const json::Member& m : v.members()) members.push_back(&m);
  std::stable_sort(
      members.begin(), members.end(),
      [](const json::Member* a, const json::Member* b) { return lower(a->key) < lower(b->key); });
  json::Array out;
  for (const json::Member* m : members) {
    Value item = Value::object();
    item.set("key", Value::string(m->key));
    item.set("value", m->value);
    out.push_back(std::move(item));
  }
  return Value::array(std::move(out));
}

Outcome shallow_merge_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_unknown()) return v;
  if (!v.is_array()) return type_error(c, 0, "an Array of objects");
  Value out = Value::object();
  for (const Value& item : v.items()) {
    if (item.is_unknown()) return item;
    if (item.is_null()) continue;
    if (!item.is_object()) return c.error("shallowMerge() expects an array of objects");
    for (const json::Member& m : item.members()) out.set(m.key, m.value, m.key_offset);
  }
  return out;
}

// An index into an array: an integer, or Bicep's {value: n, fromEnd: true} for [^n]; nullopt when
// the key is neither.
std::optional<int64_t> array_position(const Value& key, size_t size) {
  int64_t index = 0;
  if (int_arg(key, index)) return index;
  if (!key.is_object()) return std::nullopt;
  const Value* value = key.find("value");
  if (!value || !int_arg(*value, index)) return std::nullopt;
  const Value* from_end = key.find("fromEnd");
  if (from_end && from_end->is_bool() && from_end->as_bool()) {
    return static_cast<int64_t>(size) - index;
  }
  return index;
}

Outcome try_get_fn(Call& c) { return safe_path(c, c.args[0], 1); }

}  // namespace

Outcome safe_path(Call& c, Value current, size_t first) {
  for (size_t i = first; i < c.args.size(); ++i) {
    const Value& key = c.args[i];
    if (current.is_unknown()) return current;
    if (const Value* u = find_unknown(key)) return *u;
    if (current.is_null()) return Value::null();
    if (current.is_symbolic()) return blocked(c, current);
    if (key.is_symbolic()) return blocked(c, key);
    if (current.is_object()) {
      if (!key.is_string()) return type_error(c, i, "a String");
      const Value* member = current.find(key.as_string());
      if (!member) return Value::null();
      Value next = *member;
      current = std::move(next);
    } else if (current.is_array()) {
      const std::optional<int64_t> index = array_position(key, current.items().size());
      if (!index) return type_error(c, i, "an Integer");
      if (*index < 0 || *index >= static_cast<int64_t>(current.items().size())) {
        return Value::null();
      }
      Value next = current.items()[static_cast<size_t>(*index)];
      current = std::move(next);
    } else {
      return Value::null();
    }
  }
  return current;
}

}  // namespace fn

void register_object_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  out.push_back({"createObject", 0, kVariadic, ArgMode::Tolerant, false, create_object_fn});
  out.push_back({"items", 1, 1, ArgMode::Tolerant, false, items_fn});
  out.push_back({"null", 0, 0, ArgMode::Strict, false, null_fn});
  out.push_back({"objectKeys", 1, 1, ArgMode::Tolerant, false, object_keys_fn});
  out.push_back({"shallowMerge", 1, 1, ArgMode::Tolerant, false, shallow_merge_fn});
  out.push_back({"tryGet", 2, kVariadic, ArgMode::Tolerant, false, try_get_fn});
  out.push_back({"tryIndex", 2, 2, ArgMode::Tolerant, false, try_get_fn});
}

}  // namespace cmk::arm::expr
