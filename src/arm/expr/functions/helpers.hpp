#pragma once
// Small helpers shared by the function library files.

#include <string>
#include <string_view>

#include "arm/expr/evaluator.hpp"
#include "arm/expr/function_table.hpp"
#include "arm/expr/values.hpp"
#include "json/value.hpp"

namespace cmk::arm::expr::fn {

using json::Value;

// "function 'substring' expects argument 1 to be a String, got Integer".
inline EvalError type_error(const Call& c, size_t index, std::string_view expected) {
  return c.error("function '" + c.name() + "' expects argument " + std::to_string(index + 1) +
                 " to be " + std::string(expected) + ", got " + arm_type_name(c.args[index]));
}

// An argument that must be an integer (a whole double is accepted, as Azure converts it).
inline bool int_arg(const Value& v, int64_t& out) {
  if (v.is_int()) {
    out = v.as_int();
    return true;
  }
  if (v.kind() == json::Kind::Double &&
      v.as_double() == static_cast<double>(static_cast<int64_t>(v.as_double()))) {
    out = static_cast<int64_t>(v.as_double());
    return true;
  }
  return false;
}

// Strings or Symbolic strings.
inline bool is_text(const Value& v) { return v.is_string() || v.is_symbolic(); }

inline bool any_symbolic(const Call& c) {
  for (const Value& a : c.args) {
    if (find_symbolic(a)) return true;
  }
  return false;
}

// ASCII case folding is what ARM's ordinal-ignore-case comparisons amount to for the
// identifiers and names templates compare.
std::string lower(std::string_view s);
std::string upper(std::string_view s);

// The first Unknown among the arguments, for Tolerant functions that still need them whole.
inline const Value* first_unknown(const Call& c) {
  for (const Value& a : c.args) {
    if (const Value* u = find_unknown(a)) return u;
  }
  return nullptr;
}

// Follows the keys and indexes c.args[first..] from `current` the way tryGet does: null as soon as
// a key is missing, an index is out of range or a value on the way is null (object_functions.cpp).
Outcome safe_path(Call& c, Value current, size_t first);

inline Value blocked(const Call& c, const Value& symbolic) {
  return Value::unknown("depends on deployment-context value " + symbolic.symbolic_info().name,
                        std::string(c.source()));
}

}  // namespace cmk::arm::expr::fn
