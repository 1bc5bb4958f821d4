#pragma once
// The built-in function library: one registry entry per ARM function, built once.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arm/expr/ast.hpp"
#include "arm/expr/evaluator.hpp"
#include "arm/expr/outcome.hpp"

namespace cmk::arm::expr {

enum class ArgMode : uint8_t {
  Strict,    // arguments evaluated first; an Unknown argument (anywhere inside) is the result
  Tolerant,  // arguments evaluated first; the function handles Unknown parts itself
  Lazy,      // the function evaluates its argument nodes itself (if, and, or, lambdas, ...)
};

using FunctionImpl = Outcome (*)(Call&);

struct FunctionSpec {
  std::string_view name;  // canonical spelling, e.g. "uniqueString"
  int min_args = 0;
  int max_args = 0;  // kVariadic: no limit
  ArgMode mode = ArgMode::Strict;
  // Strict functions only: Symbolic arguments are passed through instead of making the result
  // Unknown, because the function builds symbolic results (concat, uniqueString, ...).
  bool symbolic_ok = false;
  FunctionImpl impl = nullptr;
};

inline constexpr int kVariadic = -1;

// The entry for a built-in function, case-insensitively; every list*() name maps to the list
// entry. nullptr when there is none.
const FunctionSpec* find_function(std::string_view name);

// Canonical names of all built-in functions (for suggestions and documentation).
std::vector<std::string_view> builtin_function_names();

// In one walk of the tree: sets Node::builtin on every call of a built-in function, so
// evaluation does not look names up, and checks every call against the library (and the user
// functions `env` knows, when given): unknown names (with a "did you mean" suggestion) and
// argument counts. Returns the first error; the tree may then be partly resolved and is meant to
// be dropped.
std::optional<EvalError> resolve_and_check_functions(Node& root, const Environment* env);

// Registration, one per category file under functions/.
void register_string_functions(std::vector<FunctionSpec>& out);
void register_array_functions(std::vector<FunctionSpec>& out);
void register_object_functions(std::vector<FunctionSpec>& out);
void register_logical_functions(std::vector<FunctionSpec>& out);
void register_numeric_functions(std::vector<FunctionSpec>& out);
void register_date_functions(std::vector<FunctionSpec>& out);
void register_deployment_functions(std::vector<FunctionSpec>& out);
void register_resource_functions(std::vector<FunctionSpec>& out);
void register_lambda_functions(std::vector<FunctionSpec>& out);
void register_cidr_functions(std::vector<FunctionSpec>& out);
void register_json_functions(std::vector<FunctionSpec>& out);

}  // namespace cmk::arm::expr
