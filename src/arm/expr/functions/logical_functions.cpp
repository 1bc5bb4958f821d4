// Logical and comparison functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-logical
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-comparison

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {
namespace {

// and()/or() evaluate left to right and stop at the deciding value, so a guard such as
// and(not(empty(x)), x[0]) does not fail; an argument after an unknown one may fail in Azure
// only if the unknown one is not deciding, so its error makes the result unknown, not an error.
Outcome and_or(Call& c, bool is_and) {
  std::optional<Value> undecided;
  for (const Node& arg : c.node.children) {
    Outcome r = c.ev.eval(arg);
    if (!r.ok()) {
      if (undecided) return *undecided;
      return r;
    }
    const Value& v = r.value();
    if (v.is_unknown()) {
      if (!undecided) undecided = v;
      continue;
    }
    if (v.is_symbolic()) {
      if (!undecided) undecided = blocked(c, v);
      continue;
    }
    if (!v.is_bool()) {
      return c.error("function '" + c.name() + "' expects Boolean arguments, got " +
                     arm_type_name(v));
    }
    if (v.as_bool() != is_and) return Value::boolean(!is_and);
  }
  if (undecided) return *undecided;
  return Value::boolean(is_and);
}

Outcome and_fn(Call& c) { return and_or(c, true); }
Outcome or_fn(Call& c) { return and_or(c, false); }

Outcome not_fn(Call& c) {
  if (!c.args[0].is_bool()) return type_error(c, 0, "a Boolean");
  return Value::boolean(!c.args[0].as_bool());
}

Outcome true_fn(Call&) { return Value::boolean(true); }
Outcome false_fn(Call&) { return Value::boolean(false); }

Outcome bool_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_bool()) return v;
  if (v.is_int()) return Value::boolean(v.as_int() != 0);
  if (v.is_string()) {
    if (json::iequals(v.as_string(), "true")) return Value::boolean(true);
    if (json::iequals(v.as_string(), "false")) return Value::boolean(false);
    return c.error("bool() cannot convert '" + v.as_string() + "'");
  }
  return type_error(c, 0, "a Boolean, an Integer or a String");
}

// if() evaluates only the branch its condition selects, as Azure does. With an unknown
// condition it still answers when both branches agree.
Outcome if_fn(Call& c) {
  Outcome cond = c.ev.eval(c.node.children[0]);
  if (!cond.ok()) return cond;
  const Value& v = cond.value();
  if (v.is_bool()) return c.ev.eval(c.node.children[v.as_bool() ? 1 : 2]);
  if (!v.is_unknown() && !v.is_symbolic()) {
    return c.error(std::string("function 'if' expects a Boolean condition, got ") +
                   arm_type_name(v));
  }
  const Value undecided = v.is_unknown() ? v : blocked(c, v);
  Outcome a = c.ev.eval(c.node.children[1]);
  Outcome b = c.ev.eval(c.node.children[2]);
  if (a.ok() && b.ok() && deep_equals(a.value(), b.value()) == Tri::True) return a;
  return undecided;
}

Outcome coalesce_fn(Call& c) {
  for (const Node& arg : c.node.children) {
    Outcome r = c.ev.eval(arg);
    if (!r.ok()) return r;
    if (r.value().is_null()) continue;
    return r;  // an unknown one may or may not be null: the result is unknown either way
  }
  return Value::null();
}

Outcome equals_fn(Call& c) {
  const Tri t = deep_equals(c.args[0], c.args[1]);
  if (t != Tri::Unknown) return Value::boolean(t == Tri::True);
  if (const Value* u = first_unknown(c)) return *u;
  const Value* s = find_symbolic(c.args[0]);
  if (!s) s = find_symbolic(c.args[1]);
  return s ? blocked(c, *s) : c.unknown("equality not decidable");
}

// Strings compare as .NET's culture-aware comparison does for ASCII: case-insensitively first,
// then lower case before upper case.
int compare_strings(const std::string& a, const std::string& b) {
  const std::string la = lower(a), lb = lower(b);
  if (la != lb) return la < lb ? -1 : 1;
  if (a == b) return 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return (a[i] >= 'a' && a[i] <= 'z') ? -1 : 1;
  }
  return 0;
}

Outcome compare(Call& c, bool (*accept)(int)) {
  const Value& a = c.args[0];
  const Value& b = c.args[1];
  if (a.is_number() && b.is_number()) {
    const double x = a.as_double(), y = b.as_double();
    return Value::boolean(accept(x < y ? -1 : (x > y ? 1 : 0)));
  }
  if (a.is_string() && b.is_string()) {
    return Value::boolean(accept(compare_strings(a.as_string(), b.as_string())));
  }
  return c.error("function '" + c.name() + "' compares two integers or two strings, got " +
                 arm_type_name(a) + " and " + arm_type_name(b));
}

Outcome greater_fn(Call& c) {
  return compare(c, [](int r) { return r > 0; });
}
Outcome greater_or_equals_fn(Call& c) {
  return compare(c, [](int r) { return r >= 0; });
}
Outcome less_fn(Call& c) {
  return compare(c, [](int r) { return r < 0; });
}
Outcome less_or_equals_fn(Call& c) {
  return compare(c, [](int r) { return r <= 0; });
}

}  // namespace
}  // namespace fn

void register_logical_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  out.push_back({"and", 1, kVariadic, ArgMode::Lazy, false, and_fn});
  out.push_back({"bool", 1, 1, ArgMode::Strict, false, bool_fn});
  out.push_back({"coalesce", 1, kVariadic, ArgMode::Lazy, false, coalesce_fn});
  out.push_back({"equals", 2, 2, ArgMode::Tolerant, false, equals_fn});
  out.push_back({"false", 0, 0, ArgMode::Strict, false, false_fn});
  out.push_back({"greater", 2, 2, ArgMode::Strict, false, greater_fn});
  out.push_back({"greaterOrEquals", 2, 2, ArgMode::Strict, false, greater_or_equals_fn});
  out.push_back({"if", 3, 3, ArgMode::Lazy, false, if_fn});
  out.push_back({"less", 2, 2, ArgMode::Strict, false, less_fn});
  out.push_back({"lessOrEquals", 2, 2, ArgMode::Strict, false, less_or_equals_fn});
  out.push_back({"not", 1, 1, ArgMode::Strict, false, not_fn});
  out.push_back({"or", 1, kVariadic, ArgMode::Lazy, false, or_fn});
  out.push_back({"true", 0, 0, ArgMode::Strict, false, true_fn});
}

}  // namespace cmk::arm::expr
