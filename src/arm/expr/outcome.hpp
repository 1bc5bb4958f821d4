#pragma once
// Evaluation results as values: a Value, or an error with its place in the expression.

#include <cstdint>
#include <string>
#include <utility>

#include "json/value.hpp"

namespace cmk::arm::expr {

enum class ErrorKind : uint8_t {
  Syntax,             // the expression does not parse
  UnknownFunction,    // no built-in or user-defined function of that name
  Arguments,          // wrong number or type of arguments, index out of range, ...
  MissingDefinition,  // parameters('x') / variables('x') not declared, property missing
  Cycle,              // a variable that depends on itself
  Fail,               // fail() was reached
  Limit,              // a copy count or nesting limit was exceeded
  Budget,             // the template's evaluation budget or stack depth ran out (budget.hpp)
};

const char* error_kind_name(ErrorKind kind);

struct EvalError {
  ErrorKind kind = ErrorKind::Arguments;
  uint32_t column = 0;  // 1-based column in the expression string ('[' is column 1)
  std::string message;
};

// A Value or an EvalError. Unknown values are values, not errors.
class Outcome {
 public:
  Outcome(json::Value value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Outcome(EvalError error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  const json::Value& value() const { return value_; }
  json::Value& value() { return value_; }
  json::Value take() { return std::move(value_); }
  const EvalError& error() const { return error_; }

 private:
  json::Value value_;
  EvalError error_;
  bool failed_ = false;
};

}  // namespace cmk::arm::expr
