#include "arm/expr/evaluator.hpp"

#include <optional>

#include "arm/expr/function_table.hpp"
#include "arm/expr/parser.hpp"
#include "arm/expr/values.hpp"

namespace cmk::arm::expr {

using json::Value;

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Syntax:
      return "syntax";
    case ErrorKind::UnknownFunction:
      return "unknown-function";
    case ErrorKind::Arguments:
      return "arguments";
    case ErrorKind::MissingDefinition:
      return "missing-definition";
    case ErrorKind::Cycle:
      return "cycle";
    case ErrorKind::Fail:
      return "fail";
    case ErrorKind::Limit:
      return "limit";
    case ErrorKind::Budget:
      return "budget";
  }
  return "?";
}

EvalError Call::error(std::string message, ErrorKind kind) const {
  return EvalError{kind, node.column(), std::move(message)};
}

std::optional<EvalError> Call::reserve(uint64_t bytes) const {
  Budget& budget = ev.env().budget();
  if (budget.affords(bytes)) return std::nullopt;
  budget.refuse(bytes, source());
  return error(budget.cause(), ErrorKind::Budget);
}

Value Call::unknown(std::string reason) const {
  return Value::unknown(std::move(reason), std::string(source()));
}

namespace {

// Nesting of user-function calls and lambdas; ARM forbids recursion, this only guards the stack.
constexpr int kMaxDepth = 64;

// Functions whose results describe deployed state: a property the template does not set may
// still exist at deployment time, so a missing one is unknown rather than an error.
bool open_world(const Node& node) {
  const Node* n = &node;
  while (n->type == NodeType::Member || n->type == NodeType::Index) n = &n->children[0];
  if (n->type != NodeType::Call || !n->ns.empty()) return n->type == NodeType::Call;
  const std::string lower = json::to_lower(n->text);
  return lower.rfind("list", 0) == 0 || lower == "reference" || lower == "references" ||
         lower == "deployment" || lower == "deployer" || lower == "managementgroup" ||
         lower == "providers" || lower == "tenant" || lower == "subscription" ||
         lower == "resourcegroup" || lower == "lambdavariables";
}

std::string member_list(const Value& object) {
  std::string out;
  for (const json::Member& m : object.members()) {
    if (!out.empty()) out += ", ";
    out += m.key;
  }
  return out;
}

Value blocked_by_symbolic(const Value& symbolic, std::string_view expression) {
  return Value::unknown("depends on deployment-context value " + symbolic.symbolic_info().name,
                        std::string(expression));
}

// parameters(), variables() or if(): calls that return a value they did not build. Compares the
// library entry resolved when the expression was compiled, not the spelling.
bool is_lookup_call(const Node& node) {
  if (node.type != NodeType::Call) return false;
  if (!node.builtin)
    return node.is_call("parameters") || node.is_call("variables") || node.is_call("if");
  static const FunctionSpec* const lookups[] = {find_function("parameters"),
                                                find_function("variables"), find_function("if")};
  return node.builtin == lookups[0] || node.builtin == lookups[1] || node.builtin == lookups[2];
}

}  // namespace

Outcome Evaluator::eval(const Node& node) {
  Budget& budget = env_.budget();
  if (!budget.enter()) {
    return EvalError{ErrorKind::Budget, node.column(),
                     "expressions nested deeper than " + std::to_string(budget.limits().depth) +
                         " levels (through variables, functions and lambdas)"};
  }
  Outcome result = eval_node(node);
  budget.leave();
  // Literals cost an operation; computed values also their size. A lookup (a parameter, a
  // variable, a property or element of one, a branch of if()) builds nothing: values share
  // their arrays and objects, so reading a large variable in every instance of a copy loop
  // costs no memory and is not charged again.
  const bool lookup =
      node.type == NodeType::Member || node.type == NodeType::Index || is_lookup_call(node);
  const bool built = result.ok() && !lookup && node.type != NodeType::String &&
                     node.type != NodeType::Integer && node.type != NodeType::Boolean &&
                     node.type != NodeType::Null;
  const uint64_t bytes = built ? footprint(result.value(), budget.limits().bytes) : 0;
  if (!budget.charge(bytes, source(node)) &&
      (result.ok() || result.error().kind != ErrorKind::Budget)) {
    return EvalError{ErrorKind::Budget, node.column(), budget.cause()};
  }
  return result;
}

Outcome Evaluator::eval_node(const Node& node) {
  switch (node.type) {
    case NodeType::String:
      return Value::string(node.text);
    case NodeType::Integer:
      return Value::integer(node.integer);
    case NodeType::Boolean:
      return Value::boolean(node.boolean);
    case NodeType::Null:
      return Value::null();
    case NodeType::Member:
      return eval_member(node);
    case NodeType::Index:
      return eval_index(node);
    case NodeType::Call:
      return eval_call(node);
  }
  return Value::null();
}

Outcome Evaluator::eval_member(const Node& node) {
  Outcome base = eval(node.children[0]);
  if (!base.ok() || base.value().is_unknown()) return base;
  const Value& v = base.value();
  if (v.is_symbolic()) return blocked_by_symbolic(v, source(node));
  if (!v.is_object()) {
    return EvalError{
        ErrorKind::Arguments, node.column(),
        "cannot select property '" + node.text + "' of a value of type " + arm_type_name(v)};
  }
  if (const Value* member = v.find(node.text)) return *member;
  if (open_world(node.children[0])) {
    return Value::unknown("property '" + node.text + "' is not set in the template",
                          std::string(source(node)));
  }
  return EvalError{ErrorKind::MissingDefinition, node.column(),
                   "property '" + node.text + "' doesn't exist; available properties are '" +
                       member_list(v) + "'"};
}

Outcome Evaluator::eval_index(const Node& node) {
  Outcome base = eval(node.children[0]);
  if (!base.ok()) return base;
  Outcome index = eval(node.children[1]);
  if (!index.ok()) return index;
  const Value& v = base.value();
  const Value& i = index.value();
  if (v.is_unknown()) return base;
  if (i.is_unknown()) return index;
  if (v.is_symbolic()) return blocked_by_symbolic(v, source(node));
  if (v.is_array()) {
    if (i.is_symbolic()) return blocked_by_symbolic(i, source(node));
    if (!i.is_int()) {
      return EvalError{ErrorKind::Arguments, node.children[1].column(),
                       std::string("an array index must be an integer, not ") + arm_type_name(i)};
    }
    const int64_t n = i.as_int();
    if (n < 0 || n >= static_cast<int64_t>(v.items().size())) {
      return EvalError{ErrorKind::Arguments, node.children[1].column(),
                       "index " + std::to_string(n) + " is out of range for an array of length " +
                           std::to_string(v.items().size())};
    }
    return v.items()[static_cast<size_t>(n)];
  }
  if (v.is_object()) {
    if (i.is_symbolic()) return blocked_by_symbolic(i, source(node));
    if (!i.is_string()) {
      return EvalError{
          ErrorKind::Arguments, node.children[1].column(),
          std::string("an object property name must be a string, not ") + arm_type_name(i)};
    }
    if (const Value* member = v.find(i.as_string())) return *member;
    if (open_world(node.children[0])) {
      return Value::unknown("property '" + i.as_string() + "' is not set in the template",
                            std::string(source(node)));
    }
    return EvalError{ErrorKind::MissingDefinition, node.children[1].column(),
                     "property '" + i.as_string() + "' doesn't exist; available properties are '" +
                         member_list(v) + "'"};
  }
  return EvalError{ErrorKind::Arguments, node.column(),
                   std::string("cannot index a value of type ") + arm_type_name(v)};
}

Outcome Evaluator::call_lambda(const Node& lambda, const std::vector<Value>& args) {
  if (!lambda.is_call("lambda") || lambda.children.empty()) {
    return EvalError{ErrorKind::Arguments, lambda.column(), "expected a lambda('x', ...) argument"};
  }
  const size_t names = lambda.children.size() - 1;
  if (names > args.size()) {
    return EvalError{ErrorKind::Arguments, lambda.column(),
                     "this lambda declares " + std::to_string(names) +
                         " parameters but the function passes " + std::to_string(args.size())};
  }
  if (frame_.depth >= kMaxDepth) {
    return EvalError{ErrorKind::Limit, lambda.column(), "lambdas nested too deeply"};
  }
  const size_t mark = frame_.lambda_variables.size();
  for (size_t k = 0; k < names; ++k) {
    const Node& name = lambda.children[k];
    if (name.type != NodeType::String) {
      return EvalError{ErrorKind::Arguments, name.column(), "lambda parameter names are strings"};
    }
    frame_.lambda_variables.emplace_back(name.text, args[k]);
  }
  ++frame_.depth;
  Outcome result = eval(lambda.children.back());
  --frame_.depth;
  frame_.lambda_variables.resize(mark);
  return result;
}

Outcome Evaluator::eval_call(const Node& node) {
  if (!node.ns.empty()) {
    const UserFunction* fn = env_.user_function(node.ns, node.text);
    if (!fn) {
      return EvalError{ErrorKind::UnknownFunction, node.column(),
                       "unknown user-defined function '" + node.ns + "." + node.text + "'"};
    }
    if (node.children.size() != fn->parameters.size()) {
      return EvalError{ErrorKind::Arguments, node.column(),
                       "function '" + node.ns + "." + node.text + "' expects " +
                           std::to_string(fn->parameters.size()) + " arguments, got " +
                           std::to_string(node.children.size())};
    }
    if (frame_.depth >= kMaxDepth) {
      return EvalError{ErrorKind::Limit, node.column(), "user functions nested too deeply"};
    }
    Bindings bound;
    for (size_t i = 0; i < node.children.size(); ++i) {
      Outcome arg = eval(node.children[i]);
      if (!arg.ok()) return arg;
      bound.emplace_back(fn->parameters[i], arg.take());
    }
    if (!fn->output) return Value::null();
    // A user function sees only its own parameters: no loops, lambdas or caller state.
    Frame inner;
    inner.function_args = &bound;
    inner.depth = frame_.depth + 1;
    std::vector<TreeError> errors;
    Value result = evaluate_tree(*fn->output, env_, inner, errors);
    if (!errors.empty()) {
      return EvalError{
          errors.front().error.kind, node.column(),
          "in function '" + node.ns + "." + node.text + "': " + errors.front().error.message};
    }
    return result;
  }

  // Resolved when the expression was compiled; only an unknown name is looked up again.
  const FunctionSpec* spec = node.builtin ? node.builtin : find_function(node.text);
  if (!spec) {
    // Compiling reports these with a suggestion before evaluation; this is a backstop.
    return EvalError{ErrorKind::UnknownFunction, node.column(),
                     "unknown function '" + node.text + "'"};
  }
  const int n = static_cast<int>(node.children.size());
  if (n < spec->min_args || (spec->max_args != kVariadic && n > spec->max_args)) {
    return EvalError{ErrorKind::Arguments, node.column(),
                     "function '" + std::string(spec->name) + "' does not take " +
                         std::to_string(n) + " argument" + (n == 1 ? "" : "s")};
  }
  Call call{*this, node, {}};
  if (spec->mode == ArgMode::Lazy) return spec->impl(call);
  call.args.reserve(node.children.size());
  for (const Node& child : node.children) {
    Outcome arg = eval(child);
    if (!arg.ok()) return arg;
    call.args.push_back(arg.take());
  }
  if (spec->mode == ArgMode::Strict) {
    for (const Value& arg : call.args) {
      if (const Value* u = find_unknown(arg)) return *u;
    }
    if (!spec->symbolic_ok) {
      for (const Value& arg : call.args) {
        if (const Value* s = find_symbolic(arg)) return blocked_by_symbolic(*s, source(node));
      }
    }
  }
  return spec->impl(call);
}

namespace {

class TreeWalker {
 public:
  TreeWalker(Environment& env, Frame& frame, std::vector<TreeError>& errors)
      : env_(env), frame_(frame), errors_(errors) {}

  Value walk(const Value& v) {
    std::optional<Value> out = changed(v);
    if (out) return std::move(*out);
    return v;
  }

 private:
  // The value walk() gives, or nothing when that is `v` itself (no expression, escape or copy
  // in it): such subtrees are shared with the template's tree instead of rebuilt.
  std::optional<Value> changed(const Value& v) {
    if (!afford_copy(v)) {
      return Value::unknown("not evaluated: " + env_.budget().cause(), "", v.offset());
    }
    switch (v.kind()) {
      case json::Kind::String:
        if (classify(v.as_string()) == StringForm::Literal) return std::nullopt;
        return walk_string(v);
      case json::Kind::Array: {
        const json::Array& items = v.items();
        for (size_t i = 0; i < items.size(); ++i) {
          std::optional<Value> first = changed(items[i]);
          if (!first) continue;
          json::Array out;
          out.reserve(items.size());
          out.insert(out.end(), items.begin(), items.begin() + static_cast<ptrdiff_t>(i));
          out.push_back(std::move(*first));
          for (size_t j = i + 1; j < items.size(); ++j) out.push_back(walk(items[j]));
          return Value::array(std::move(out), v.offset());
        }
        return std::nullopt;
      }
      case json::Kind::Object:
        return walk_object(v);
      default:
        return std::nullopt;
    }
  }

  Value walk_string(const Value& v) {
    Outcome result = evaluate_string(v.as_string(), v.offset(), env_, frame_);
    if (result.ok()) return result.take();
    errors_.push_back(TreeError{v.offset(), result.error()});
    return Value::unknown("evaluation error: " + result.error().message, v.as_string(), v.offset());
  }

  // Mirrors TemplateScope::nested(): explicit inner scope, or parameters handed to the template.
  static bool is_inner_scoped_deployment(const Value& object) {
    if (!object.find("template")) return false;
    const Value* options = object.find("expressionEvaluationOptions");
    const Value* scope = options ? options->find("scope") : nullptr;
    if (scope && scope->is_string()) return json::iequals(scope->as_string(), "inner");
    const Value* passed = object.find("parameters");
    return passed && passed->is_object() && !passed->members().empty();
  }

  // A property-level copy: "copy": [{"name": "disks", "count": n, "input": {...}}].
  static bool is_property_copy(const Value& v) {
    if (!v.is_array() || v.items().empty()) return false;
    for (const Value& item : v.items()) {
      if (!item.is_object() || !item.find("name") || !item.find("input")) return false;
    }
    return true;
  }

  std::optional<Value> walk_object(const Value& v) {
    const json::Object& members = v.members();
    std::optional<json::Object> out;  // made at the first member that changes
    auto start = [&](size_t i) {
      out.emplace();
      out->reserve(members.size());
      out->insert(out->end(), members.begin(), members.begin() + static_cast<ptrdiff_t>(i));
    };
    for (size_t i = 0; i < members.size(); ++i) {
      const json::Member& m = members[i];
      if (json::iequals(m.key, "template") && is_inner_scoped_deployment(v)) {
        // An inner-scoped nested template is evaluated in its own scope, not this one.
        if (out) out->push_back(m);
        continue;
      }
      if (json::iequals(m.key, "copy") && is_property_copy(m.value)) {
        if (!out) start(i);
        for (const Value& loop : m.value.items()) expand_copy(loop, *out);
        continue;
      }
      const StringForm form = classify(m.key);
      if (form == StringForm::Literal) {
        std::optional<Value> value = changed(m.value);
        if (!value) {
          if (out) out->push_back(m);
          continue;
        }
        if (!out) start(i);
        out->push_back(json::Member{m.key, m.key_offset, std::move(*value)});
        continue;
      }
      if (!out) start(i);
      std::string key = m.key;
      if (form == StringForm::Expression) {
        Outcome k = evaluate_string(key, m.key_offset, env_, frame_);
        if (!k.ok()) {
          errors_.push_back(TreeError{m.key_offset, k.error()});
        } else if (k.value().is_string()) {
          key = k.value().as_string();
        } else if (k.value().is_symbolic()) {
          key = "[" + k.value().symbolic_info().name + "]";
        }
        // An unknown key keeps its expression text, so the member is still visible.
      } else if (form == StringForm::Escaped) {
        key = std::string(unescape_literal(key));
      }
      out->push_back(json::Member{std::move(key), m.key_offset, walk(m.value)});
    }
    if (!out) return std::nullopt;
    return Value::object(std::move(*out), v.offset());
  }

  void expand_copy(const Value& loop, json::Object& out) {
    const Value* name_v = loop.find("name");
    const Value* count_v = loop.find("count");
    const Value* input = loop.find("input");
    Value name = walk(*name_v);
    if (!name.is_string()) return;
    const std::string& copy_name = name.as_string();
    const uint32_t key_offset = loop.find_member("name")->key_offset;
    Value count = count_v ? walk(*count_v) : Value::null();
    if (!count.is_int()) {
      Value unknown = count.is_unknown()
                          ? Value::unknown("copy count of '" + copy_name +
                                               "' is unknown: " + count.unknown_info().reason,
                                           count.unknown_info().expression, loop.offset())
                          : Value::unknown("copy count of '" + copy_name + "' is not an integer",
                                           count_v ? to_compact_json(*count_v) : "", loop.offset());
      out.push_back(json::Member{copy_name, key_offset, std::move(unknown)});
      return;
    }
    if (count.as_int() < 0 || count.as_int() > kMaxCopyCount) {
      errors_.push_back(TreeError{
          count_v->offset(), EvalError{ErrorKind::Limit, 1,
                                       "copy count " + std::to_string(count.as_int()) +
                                           " is outside 0.." + std::to_string(kMaxCopyCount)}});
      out.push_back(json::Member{copy_name, key_offset,
                                 Value::unknown("copy count out of range", "", loop.offset())});
      return;
    }
    json::Array items;
    const LoopBindings none;
    const LoopBindings& outer = frame_.loops ? *frame_.loops : none;
    for (int64_t i = 0; i < count.as_int(); ++i) {
      const LoopBindings loops = outer.with_named_loop(copy_name, Value::integer(i));
      const LoopBindings* saved = frame_.loops;
      frame_.loops = &loops;
      items.push_back(walk(*input));
      frame_.loops = saved;
      // Nested property copies multiply: each instance is charged like a computed value.
      Budget& budget = env_.budget();
      if (!budget.charge(footprint(items.back(), budget.limits().bytes), copy_name)) {
        errors_.push_back(
            TreeError{loop.offset(), EvalError{ErrorKind::Budget, 1, budget.cause()}});
        break;
      }
    }
    out.push_back(
        json::Member{copy_name, key_offset, Value::array(std::move(items), loop.offset())});
  }

  // Literal parts are copied too, and a copy loop copies its body once per instance: 800
  // instances of a 2 MB body are gigabytes. Each node is charged; the first refusal is reported.
  bool afford_copy(const Value& v) {
    const bool literal = v.is_string() && classify(v.as_string()) != StringForm::Expression;
    const uint64_t bytes = sizeof(Value) + (literal ? v.as_string().size() : 0);
    Budget& budget = env_.budget();
    const bool spent_before = budget.exhausted();
    if (budget.charge(bytes, "a value copied from the template")) return true;
    if (!refused_) {
      errors_.push_back(TreeError{
          v.offset(), EvalError{ErrorKind::Budget, 1,
                                (spent_before ? "not evaluated: " : "") + budget.cause()}});
      refused_ = true;
    }
    return false;
  }

  Environment& env_;
  Frame& frame_;
  std::vector<TreeError>& errors_;
  bool refused_ = false;
};

}  // namespace

Value evaluate_tree(const Value& tree, Environment& env, Frame& frame,
                    std::vector<TreeError>& errors) {
  return TreeWalker(env, frame, errors).walk(tree);
}

Outcome evaluate_string(std::string_view text, uint32_t offset, Environment& env, Frame& frame) {
  switch (classify(text)) {
    case StringForm::Literal:
      return Value::string(std::string(text), offset);
    case StringForm::Escaped:
      return Value::string(std::string(unescape_literal(text)), offset);
    case StringForm::Expression:
      break;
  }
  // Once the budget is spent nothing more is evaluated; each expression says why, so none is
  // silently taken for a value.
  if (const Budget& budget = env.budget(); budget.exhausted()) {
    return EvalError{ErrorKind::Budget, 1, "not evaluated: " + budget.cause()};
  }
  EvalError error;
  std::shared_ptr<const Node> root = env.compile(text, error);
  if (!root) return error;
  // Outside lambdas and function bodies, an expression that reads no loop index or resource
  // depends on the template alone: the same string in several resources, or in every instance
  // of a loop that it does not read, is evaluated once.
  const bool plain = !frame.function_args && frame.lambda_variables.empty() && frame.depth == 0;
  if (plain) {
    if (const Outcome* kept = env.kept_result(*root)) {
      Outcome result = *kept;
      if (result.ok()) result.value().set_offset(offset);
      return result;
    }
  }
  Evaluator ev(env, frame, text);
  Outcome result = ev.eval(*root);
  if (plain) env.keep_result(*root, result);
  if (result.ok()) result.value().set_offset(offset);
  return result;
}

}  // namespace cmk::arm::expr
