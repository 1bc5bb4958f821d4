#pragma once
// Evaluates expression syntax trees to values with three-valued semantics: an operation on an
// Unknown operand is Unknown (keeping the first reason and blocking expression) unless the
// function can decide without it; deployment-context values are Symbolic.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arm/expr/ast.hpp"
#include "arm/expr/budget.hpp"
#include "arm/expr/context.hpp"
#include "arm/expr/outcome.hpp"
#include "json/value.hpp"

namespace cmk::arm::expr {

class CompositeCache;

// A user-defined function (template "functions" section) as the evaluator needs it.
struct UserFunction {
  std::string ns;
  std::string name;
  std::vector<std::string> parameters;  // parameter names in order
  const json::Value* output = nullptr;  // output.value (an expression string or any JSON tree)
};

using Bindings = std::vector<std::pair<std::string, json::Value>>;

// Lexical state of one evaluation: loops, lambda variables, user-function arguments.
struct Frame {
  const LoopBindings* loops = nullptr;
  const Bindings* function_args = nullptr;  // set inside a user-defined function body
  Bindings lambda_variables;                // innermost last
  int depth = 0;                            // user-function and variable nesting, bounded
};

// Where the evaluator looks up parameters, variables and user functions; TemplateScope
// implements it. Not thread-safe implementations are fine: one evaluation runs at a time.
class Environment {
 public:
  virtual ~Environment() = default;
  // Value of a declared parameter (maybe Unknown); an error when none is declared.
  virtual Outcome parameter(std::string_view name) = 0;
  // Value of a declared variable (maybe Unknown); an error when none is declared or on a cycle.
  virtual Outcome variable(std::string_view name) = 0;
  virtual const UserFunction* user_function(std::string_view ns, std::string_view name) const = 0;
  virtual const DeploymentContext& deployment() const = 0;
  virtual ResourceResolver* resolver() const = 0;
  virtual DeploymentScope deployment_scope() const { return DeploymentScope::ResourceGroup; }
  // The template root (for deployment().properties.template), or nullptr.
  virtual const json::Value* template_root() const { return nullptr; }
  // Parses (and caches) an expression string; errors carry their column.
  virtual std::shared_ptr<const Node> compile(std::string_view text, EvalError& error) = 0;
  // The work the template's expressions may still do (shared by its nested templates).
  virtual Budget& budget() = 0;
  // Where composite symbolic values taken apart are kept, or nullptr to take them apart anew.
  virtual CompositeCache* composite_cache() { return nullptr; }
  // The result of an expression string evaluated before outside any lambda or function body,
  // when evaluating it again would give the same (see TemplateScope::keep_result());
  // nullptr when none is kept.
  virtual const Outcome* kept_result(const Node& /*root*/) { return nullptr; }
  virtual void keep_result(const Node& /*root*/, const Outcome& /*result*/) {}
};

class Evaluator {
 public:
  // `text` is the whole expression string the nodes point into (for blocking-expression text).
  Evaluator(Environment& env, Frame& frame, std::string_view text)
      : env_(env), frame_(frame), text_(text) {}

  Outcome eval(const Node& node);

  Environment& env() { return env_; }
  Frame& frame() { return frame_; }
  std::string_view source(const Node& node) const {
    return text_.substr(node.begin, node.end - node.begin);
  }

  // Calls a lambda node (lambda('a', 'b', body)) with the given arguments; extra parameters the
  // lambda declares beyond the arguments are an error, fewer are allowed (index parameters).
  Outcome call_lambda(const Node& lambda, const std::vector<json::Value>& args);

 private:
  Outcome eval_node(const Node& node);
  Outcome eval_member(const Node& node);
  Outcome eval_index(const Node& node);
  Outcome eval_call(const Node& node);

  Environment& env_;
  Frame& frame_;
  std::string_view text_;
};

// One function call being evaluated, as the function library sees it.
struct Call {
  Evaluator& ev;
  const Node& node;
  std::vector<json::Value> args;  // evaluated arguments (empty for lazy functions)

  EvalError error(std::string message, ErrorKind kind = ErrorKind::Arguments) const;
  // An Unknown naming this call as the blocking expression.
  json::Value unknown(std::string reason) const;
  std::string_view source() const { return ev.source(node); }
  const std::string& name() const { return node.text; }
  // For functions whose result can be far larger than their arguments: an error when building
  // `bytes` more would pass the template's budget, checked before building.
  std::optional<EvalError> reserve(uint64_t bytes) const;
  // For TextBuilder and SymbolicText::of: composite values taken apart once per scope.
  CompositeCache* composites() const { return ev.env().composite_cache(); }
};

// Evaluates a JSON tree: every expression string (and expression object key) is replaced by
// its value; property-level "copy" arrays are expanded. Errors are appended to `errors` with the
// offset of the string they come from; the string becomes Unknown so the walk goes on.
struct TreeError {
  uint32_t offset = json::kNoOffset;  // byte offset of the JSON string in its source file
  EvalError error;
};
json::Value evaluate_tree(const json::Value& tree, Environment& env, Frame& frame,
                          std::vector<TreeError>& errors);

// Evaluates one expression (or literal) string. `offset` is given to the result.
Outcome evaluate_string(std::string_view text, uint32_t offset, Environment& env, Frame& frame);

}  // namespace cmk::arm::expr
