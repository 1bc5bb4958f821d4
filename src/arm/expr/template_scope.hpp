#pragma once
// The expression scope of one template: its parameters (supplied values, else evaluated
// defaults), variables (lazily, memoized, with cycle detection and variable copy loops) and
// user-defined functions, plus the deployment context and a resolver for reference().
//
// Typical use by the template model:
//   TemplateScope scope(root, {.parameters = supplied, .deployment = ctx, .resolver = &r});
//   auto copy = scope.resource_copy(resource);               // resource-level copy, if any
//   auto evaluated = scope.evaluate(resource, loops);        // every expression evaluated
//   for (auto& e : evaluated.errors) ...                     // offset + column + message
// Not thread-safe: evaluation fills caches.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "arm/expr/compiled_expressions.hpp"
#include "arm/expr/context.hpp"
#include "arm/expr/evaluator.hpp"
#include "arm/expr/values.hpp"
#include "json/value.hpp"

namespace cmk::arm::expr {

// An evaluation error in a JSON tree: the byte offset of the string (or key) it came from, and
// the 1-based column and message inside that expression.
using ExprError = TreeError;

struct Evaluated {
  json::Value value;  // Unknown where a string failed to evaluate
  std::vector<ExprError> errors;
};

class TemplateScope final : public Environment {
 public:
  struct Options {
    // Supplied parameter values: an object name -> value (a Key Vault reference arrives as
    // Unknown). Parameters not supplied take their defaultValue.
    json::Value parameters = json::Value::object();
    DeploymentContext deployment;
    ResourceResolver* resolver = nullptr;
    // For a nested template deployed with expressionEvaluationOptions.scope "outer": its
    // parameters(), variables() and user functions are the outer template's, as in Azure.
    TemplateScope* outer = nullptr;
    // The budget to draw on: a nested template shares its parent's, so nesting cannot multiply
    // it. A fresh one (default limits) when not given.
    std::shared_ptr<Budget> budget = nullptr;
    // Compiled expressions shared with the other scopes of the file (nested scopes get their
    // parent's). A fresh cache when not given.
    std::shared_ptr<CompiledExpressions> compiled = nullptr;
  };

  // `root` (the template object) must outlive the scope.
  TemplateScope(const json::Value& root, Options options);
  TemplateScope(const TemplateScope&) = delete;
  TemplateScope& operator=(const TemplateScope&) = delete;

  // A copy of `tree` with every expression string and expression object key evaluated and
  // property-level copy arrays expanded; each result keeps the offset of its string.
  Evaluated evaluate(const json::Value& tree, const LoopBindings& loops = {});

  // What `compute` gives, computed once per scope under `key` (the model and reference() ask for
  // the same resource IDs).
  const json::Value& once(const std::string& key, const std::function<json::Value()>& compute);
  // evaluate() of an expression string in which lambdaVariables('name') gives the value bound to
  // that name: values passed to an expression as they are, rather than as text evaluated again.
  Evaluated evaluate_bound(const std::string& expression, Bindings variables);

  // One parameter's or variable's value (Unknown when not knowable); errors name the
  // declaration's strings.
  Evaluated parameter_value(std::string_view name);
  Evaluated variable_value(std::string_view name);

  // Evaluates every parameter default and variable, returning the errors found in them (each
  // once), so the caller can report problems in unused declarations too.
  std::vector<ExprError> check_declarations();

  // A resource's (or output's) copy loop: count is an Int or Unknown.
  struct Copy {
    std::string name;
    json::Value count;
    std::vector<ExprError> errors;
  };
  std::optional<Copy> resource_copy(const json::Value& resource, const LoopBindings& loops = {});
  // Loop bindings for iteration `index` of a copy (index may be an Unknown value).
  static LoopBindings bind(const Copy& copy, json::Value index, const LoopBindings& outer = {});

  // The scope of the template nested in a Microsoft.Resources/deployments resource (as
  // written in the template, not yet evaluated); nullptr when it has no inline template.
  // Inner scope: parameters come from the deployment's "parameters", evaluated here. Outer
  // scope: the nested scope resolves everything through this one.
  // `resolver`, when given, answers the nested template's own lookups instead of this scope's.
  // `linked_template`, when given, is the template the deployment's templateLink names (loaded
  // by the caller, outliving the scope); a linked template is always evaluated in inner scope.
  std::unique_ptr<TemplateScope> nested(const json::Value& deployment_resource,
                                        const LoopBindings& loops, std::vector<ExprError>& errors,
                                        ResourceResolver* resolver = nullptr,
                                        const json::Value* linked_template = nullptr);

  const json::Value& root() const { return root_; }
  const Options& options() const { return options_; }

  // Environment
  Outcome parameter(std::string_view name) override;
  Outcome variable(std::string_view name) override;
  const UserFunction* user_function(std::string_view ns, std::string_view name) const override;
  const DeploymentContext& deployment() const override { return options_.deployment; }
  ResourceResolver* resolver() const override { return options_.resolver; }
  DeploymentScope deployment_scope() const override { return deployment_scope_; }
  const json::Value* template_root() const override { return &root_; }
  std::shared_ptr<const Node> compile(std::string_view text, EvalError& error) override;
  Budget& budget() override { return *options_.budget; }
  CompositeCache* composite_cache() override { return &composites_; }
  const Outcome* kept_result(const Node& root) override;
  // Keeps `result` when it is the same wherever the expression is evaluated outside lambdas and
  // function bodies, in a loop or not: the expression reads no copyIndex(), lambda variable or
  // resource state (reference(), which a resource being evaluated may not answer yet), no
  // declaration was being evaluated (a cycle's error belongs to where it was found), and the
  // budget did not stop it.
  void keep_result(const Node& root, const Outcome& result) override;

 private:
  struct Memo {
    json::Value value;
    std::vector<ExprError> errors;
  };
  static Outcome outcome(const Memo& memo);
  const json::Value* variable_definition(std::string_view name, const json::Value** copy_loop);
  // The declaration named `name` (case-insensitively; the first of that name) in the section
  // `section_name` ("parameters" or "variables"), through an index built on first use, so a
  // template with many declarations is read in linear time. Variables' "copy" array is not a
  // declaration of that name.
  const json::Member* declaration(const char* section_name, std::string_view name);
  Memo compute_parameter(const std::string& name, const json::Value& definition);
  Memo compute_variable(const std::string& name, const json::Value* definition,
                        const json::Value* copy_loop);
  // Whether this scope, or the outer one it reads declarations from, is evaluating one.
  bool declaring() const;
  // The template whose user functions this scope's expressions call.
  const json::Value* functions_root() const {
    return options_.outer ? options_.outer->functions_root() : &root_;
  }

  const json::Value& root_;
  Options options_;
  DeploymentScope deployment_scope_ = DeploymentScope::ResourceGroup;
  std::unordered_map<std::string, UserFunction> functions_;  // "ns.name" lower-cased
  std::unordered_map<std::string, Memo> parameters_;         // lower-cased name
  std::unordered_map<std::string, Memo> variables_;
  std::unordered_set<std::string> in_progress_;  // "p:name" / "v:name" being evaluated
  // The expressions compiled where user functions resolve as here: the outer template's when
  // this scope reads its declarations, else this template's own.
  CompiledExpressions::Texts* compiled_ = nullptr;
  // Lower-cased name -> declaration, per section, built on first use.
  std::unordered_map<std::string, std::unordered_map<std::string, const json::Member*>>
      declarations_;
  std::unordered_map<std::string, json::Value> once_;
  CompositeCache composites_;
  std::unordered_map<const Node*, Outcome> kept_;   // by compiled expression
  std::unordered_map<const Node*, bool> keepable_;  // reads nothing keep_result() avoids
};

}  // namespace cmk::arm::expr
