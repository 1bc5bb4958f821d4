#pragma once
// Helpers for the expression tests: evaluate an expression inside a small template.

#include <memory>
#include <string>

#include "arm/expr/template_scope.hpp"
#include "arm/expr/values.hpp"
#include "json/reader.hpp"

namespace cmk::arm::expr::testing {

inline json::Value parse_json(const std::string& text) {
  json::ParseResult r = json::parse(json::SourceText("test.json", text));
  if (!r.root) return json::Value::unknown("test JSON does not parse: " + text);
  return std::move(*r.root);
}

// A template with a scope over it; the root is owned here so it outlives the scope.
struct Harness {
  explicit Harness(const std::string& template_json = "{}", TemplateScope::Options options = {})
      : root(std::make_unique<json::Value>(parse_json(template_json))),
        scope(std::make_unique<TemplateScope>(*root, std::move(options))) {}

  // Evaluates one expression string (e.g. "[concat('a', 'b')]").
  Evaluated eval(const std::string& expression, const LoopBindings& loops = {}) {
    return scope->evaluate(json::Value::string(expression, 0), loops);
  }
  // The value, or an Unknown describing the first error.
  json::Value value(const std::string& expression, const LoopBindings& loops = {}) {
    Evaluated e = eval(expression, loops);
    if (!e.errors.empty()) return json::Value::unknown("ERROR: " + e.errors[0].error.message);
    return e.value;
  }
  // The first error message, or "" when none.
  std::string error(const std::string& expression) {
    Evaluated e = eval(expression);
    return e.errors.empty() ? "" : e.errors[0].error.message;
  }

  std::unique_ptr<json::Value> root;
  std::unique_ptr<TemplateScope> scope;
};

// Compact JSON of an evaluated value, for readable comparisons.
inline std::string js(const json::Value& v) { return to_compact_json(v); }

// Evaluates an expression in an empty template and returns compact JSON.
inline std::string eval_json(const std::string& expression) {
  Harness h;
  return js(h.value(expression));
}

}  // namespace cmk::arm::expr::testing
