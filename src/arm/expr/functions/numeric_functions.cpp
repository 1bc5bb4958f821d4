// Numeric functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-numeric

#include <cmath>
#include <cstdlib>
#include <limits>

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {
namespace {

Outcome arithmetic(Call& c, char op) {
  const Value& a = c.args[0];
  const Value& b = c.args[1];
  if (!a.is_number()) return type_error(c, 0, "an Integer");
  if (!b.is_number()) return type_error(c, 1, "an Integer");
  if (a.is_int() && b.is_int()) {
    const int64_t x = a.as_int(), y = b.as_int();
    int64_t r = 0;
    switch (op) {
      case '+':
        if (__builtin_add_overflow(x, y, &r)) return c.error("integer overflow");
        return Value::integer(r);
      case '-':
        if (__builtin_sub_overflow(x, y, &r)) return c.error("integer overflow");
        return Value::integer(r);
      case '*':
        if (__builtin_mul_overflow(x, y, &r)) return c.error("integer overflow");
        return Value::integer(r);
      case '/':
      case '%':
        if (y == 0) return c.error("division by zero");
        if (x == std::numeric_limits<int64_t>::min() && y == -1) {
          return c.error("integer overflow");
        }
        return Value::integer(op == '/' ? x / y : x % y);
    }
  }
  const double x = a.as_double(), y = b.as_double();
  switch (op) {
    case '+':
      return Value::number(x + y);
    case '-':
      return Value::number(x - y);
    case '*':
      return Value::number(x * y);
    case '/':
      if (y == 0) return c.error("division by zero");
      return Value::number(x / y);
    default:
      if (y == 0) return c.error("division by zero");
      return Value::number(std::fmod(x, y));
  }
}

Outcome add_fn(Call& c) { return arithmetic(c, '+'); }
Outcome sub_fn(Call& c) { return arithmetic(c, '-'); }
Outcome mul_fn(Call& c) { return arithmetic(c, '*'); }
Outcome div_fn(Call& c) { return arithmetic(c, '/'); }
Outcome mod_fn(Call& c) { return arithmetic(c, '%'); }

Outcome int_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_int()) return v;
  if (v.kind() == json::Kind::Double) return Value::integer(static_cast<int64_t>(v.as_double()));
  if (v.is_string()) {
    const std::string& s = v.as_string();
    char* end = nullptr;
    errno = 0;
    const long long n = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno == ERANGE) {
      return c.error("int() cannot convert '" + s + "' to an integer");
    }
    return Value::integer(n);
  }
  return type_error(c, 0, "an Integer or a String");
}

Outcome float_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_number()) return Value::number(v.as_double());
  if (v.is_string()) {
    const std::string& s = v.as_string();
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0') return c.error("float() cannot convert '" + s + "'");
    return Value::number(d);
  }
  return type_error(c, 0, "an Integer or a String");
}

Outcome min_max(Call& c, bool is_max) {
  std::vector<const Value*> values;
  if (c.args.size() == 1 && c.args[0].is_array()) {
    for (const Value& v : c.args[0].items()) values.push_back(&v);
  } else {
    for (const Value& v : c.args) values.push_back(&v);
  }
  if (values.empty()) return c.error("function '" + c.name() + "' needs at least one value");
  const Value* best = nullptr;
  for (const Value* v : values) {
    if (!v->is_number()) {
      return c.error("function '" + c.name() + "' expects integers, got " + arm_type_name(*v));
    }
    if (!best ||
        (is_max ? v->as_double() > best->as_double() : v->as_double() < best->as_double())) {
      best = v;
    }
  }
  return *best;
}

Outcome min_fn(Call& c) { return min_max(c, false); }
Outcome max_fn(Call& c) { return min_max(c, true); }

}  // namespace
}  // namespace fn

void register_numeric_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  out.push_back({"add", 2, 2, ArgMode::Strict, false, add_fn});
  out.push_back({"div", 2, 2, ArgMode::Strict, false, div_fn});
  out.push_back({"float", 1, 1, ArgMode::Strict, false, float_fn});
  out.push_back({"int", 1, 1, ArgMode::Strict, false, int_fn});
  out.push_back({"max", 1, kVariadic, ArgMode::Strict, false, max_fn});
  out.push_back({"min", 1, kVariadic, ArgMode::Strict, false, min_fn});
  out.push_back({"mod", 2, 2, ArgMode::Strict, false, mod_fn});
  out.push_back({"mul", 2, 2, ArgMode::Strict, false, mul_fn});
  out.push_back({"sub", 2, 2, ArgMode::Strict, false, sub_fn});
}

}  // namespace cmk::arm::expr
