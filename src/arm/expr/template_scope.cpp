#include "arm/expr/template_scope.hpp"

#include "arm/expr/function_table.hpp"
#include "arm/expr/parser.hpp"
#include "arm/expr/values.hpp"
#include "util/spelling.hpp"

namespace cmk::arm::expr {

using json::Value;

namespace {

DeploymentScope scope_from_schema(const Value& root) {
  const Value* schema = root.find("$schema");
  if (!schema || !schema->is_string()) return DeploymentScope::ResourceGroup;
  const std::string s = json::to_lower(schema->as_string());
  if (s.find("subscriptiondeploymenttemplate") != std::string::npos) {
    return DeploymentScope::Subscription;
  }
  if (s.find("managementgroupdeploymenttemplate") != std::string::npos) {
    return DeploymentScope::ManagementGroup;
  }
  if (s.find("tenantdeploymenttemplate") != std::string::npos) return DeploymentScope::Tenant;
  return DeploymentScope::ResourceGroup;
}

std::vector<std::string_view> member_names(const Value* object) {
  std::vector<std::string_view> names;
  if (object && object->is_object()) {
    for (const json::Member& m : object->members()) names.push_back(m.key);
  }
  return names;
}

std::string not_declared(const char* what, std::string_view name, const Value* section) {
  return std::string(what) + " '" + std::string(name) + "' is not declared" +
         cmk::did_you_mean(name, member_names(section));
}

}  // namespace

TemplateScope::TemplateScope(const Value& root, Options options)
    : root_(root), options_(std::move(options)), deployment_scope_(scope_from_schema(root)) {
  if (!options_.parameters.is_object()) options_.parameters = Value::object();
  if (!options_.budget) options_.budget = std::make_shared<Budget>();
  if (!options_.compiled) options_.compiled = std::make_shared<CompiledExpressions>();
  compiled_ = &options_.compiled->for_functions(functions_root()->find("functions"));
  const Value* functions = root_.find("functions");
  if (!functions || !functions->is_array()) return;
  for (const Value& ns : functions->items()) {
    const Value* ns_name = ns.find("namespace");
    const Value* members = ns.find("members");
    if (!ns_name || !ns_name->is_string() || !members || !members->is_object()) continue;
    for (const json::Member& m : members->members()) {
      UserFunction fn;
      fn.ns = ns_name->as_string();
      fn.name = m.key;
      if (const Value* params = m.value.find("parameters"); params && params->is_array()) {
        for (const Value& p : params->items()) {
          const Value* pname = p.find("name");
          fn.parameters.push_back(pname && pname->is_string() ? pname->as_string() : "");
        }
      }
      if (const Value* output = m.value.find("output")) fn.output = output->find("value");
      functions_.emplace(json::to_lower(fn.ns + "." + fn.name), std::move(fn));
    }
  }
}

std::shared_ptr<const Node> TemplateScope::compile(std::string_view text, EvalError& error) {
  const size_t hash = std::hash<std::string_view>{}(text);
  if (const CompiledExpressions::Compiled* found = compiled_->find(text, hash)) {
    if (!found->node) error = found->error;
    return found->node;
  }
  CompiledExpressions::Compiled compiled;
  // Parsed straight into the allocation the cache keeps.
  auto root = std::make_shared<Node>();
  if (auto syntax = parse_expression(text, *root)) {
    compiled.error = EvalError{ErrorKind::Syntax, syntax->column, std::move(syntax->message)};
  } else {
    if (auto e = resolve_and_check_functions(*root, this)) {
      compiled.error = std::move(*e);
    } else {
      compiled.node = std::move(root);
    }
  }
  if (!compiled.node) error = compiled.error;
  return compiled_->add(text, hash, std::move(compiled)).node;
}

namespace {

// Whether evaluating `node` reads anything but the template's declarations and literals: a loop
// index, a lambda variable, or resources (reference() and its kind).
bool reads_frame_or_resources(const Node& node) {
  if (node.type == NodeType::Call &&
      (!node.ns.empty() || node.is_call("copyIndex") || node.is_call("lambdaVariables") ||
       node.is_call("reference") || node.is_call("references") || node.is_call("lambda"))) {
    return true;
  }
  for (const Node& child : node.children) {
    if (reads_frame_or_resources(child)) return true;
  }
  return false;
}

}  // namespace

const Outcome* TemplateScope::kept_result(const Node& root) {
  auto it = kept_.find(&root);
  return it == kept_.end() ? nullptr : &it->second;
}

void TemplateScope::keep_result(const Node& root, const Outcome& result) {
  if (!result.ok() && result.error().kind == ErrorKind::Budget) return;
  if (declaring()) return;
  auto [it, made] = keepable_.try_emplace(&root, false);
  if (made) it->second = !reads_frame_or_resources(root);
  if (it->second) kept_.try_emplace(&root, result);
}

bool TemplateScope::declaring() const {
  for (const TemplateScope* s = this; s; s = s->options_.outer) {
    if (!s->in_progress_.empty()) return true;
  }
  return false;
}

const UserFunction* TemplateScope::user_function(std::string_view ns, std::string_view name) const {
  if (options_.outer) return options_.outer->user_function(ns, name);
  auto it = functions_.find(json::to_lower(std::string(ns) + "." + std::string(name)));
  return it == functions_.end() ? nullptr : &it->second;
}

Evaluated TemplateScope::evaluate(const Value& tree, const LoopBindings& loops) {
  Frame frame;
  frame.loops = &loops;
  Evaluated out;
  out.value = evaluate_tree(tree, *this, frame, out.errors);
  return out;
}

const Value& TemplateScope::once(const std::string& key, const std::function<Value()>& compute) {
  if (auto it = once_.find(key); it != once_.end()) return it->second;
  Value value = compute();
  return once_.insert_or_assign(key, std::move(value)).first->second;
}

Evaluated TemplateScope::evaluate_bound(const std::string& expression, Bindings variables) {
  const LoopBindings loops;
  Frame frame;
  frame.loops = &loops;
  frame.lambda_variables = std::move(variables);
  Evaluated out;
  out.value = evaluate_tree(Value::string(expression), *this, frame, out.errors);
  return out;
}

Outcome TemplateScope::parameter(std::string_view name) {
  if (options_.outer) return options_.outer->parameter(name);
  const std::string key = json::to_lower(name);
  if (auto it = parameters_.find(key); it != parameters_.end()) return outcome(it->second);
  const Value* section = root_.find("parameters");
  const json::Member* definition = declaration("parameters", name);
  if (!definition) {
    return EvalError{ErrorKind::MissingDefinition, 0, not_declared("parameter", name, section)};
  }
  const std::string marker = "p:" + key;
  if (in_progress_.count(marker)) {
    return EvalError{ErrorKind::Cycle, 0,
                     "the default value of parameter '" + definition->key + "' refers to itself"};
  }
  in_progress_.insert(marker);
  Memo memo = compute_parameter(definition->key, definition->value);
  in_progress_.erase(marker);
  return outcome(parameters_.emplace(key, std::move(memo)).first->second);
}

Outcome TemplateScope::outcome(const Memo& memo) {
  // A declaration cut short by the budget has no value: whatever refers to it is cut short too,
  // rather than carrying on with an Unknown that hides why.
  for (const ExprError& e : memo.errors) {
    if (e.error.kind == ErrorKind::Budget) return EvalError{ErrorKind::Budget, 0, e.error.message};
  }
  return memo.value;
}

TemplateScope::Memo TemplateScope::compute_parameter(const std::string& name,
                                                     const Value& definition) {
  Memo memo;
  // A null value counts as not supplied, so the default applies: Bicep modules pass null for
  // omitted optional parameters and rely on this.
  if (const Value* supplied = options_.parameters.find(name); supplied && !supplied->is_null()) {
    memo.value = *supplied;
    return memo;
  }
  if (const Value* default_value = definition.find("defaultValue")) {
    Frame frame;
    memo.value = evaluate_tree(*default_value, *this, frame, memo.errors);
    return memo;
  }
  // A nullable parameter (languageVersion 2.0) that is not supplied is null.
  if (const Value* nullable = definition.find("nullable");
      nullable && nullable->is_bool() && nullable->as_bool()) {
    memo.value = Value::null(definition.offset());
    return memo;
  }
  memo.value = Value::unknown("parameter '" + name + "' has no value", "", definition.offset());
  return memo;
}

const json::Member* TemplateScope::declaration(const char* section_name, std::string_view name) {
  auto [index, made] = declarations_.try_emplace(section_name);
  if (made) {
    const Value* section = root_.find(section_name);
    if (section && section->is_object()) {
      const bool variables = std::string_view(section_name) == "variables";
      for (const json::Member& m : section->members()) {
        if (variables && json::iequals(m.key, "copy") && m.value.is_array()) continue;
        index->second.try_emplace(json::to_lower(m.key), &m);
      }
    }
  }
  auto it = index->second.find(json::to_lower(name));
  return it == index->second.end() ? nullptr : it->second;
}

const Value* TemplateScope::variable_definition(std::string_view name, const Value** copy_loop) {
  *copy_loop = nullptr;
  const Value* section = root_.find("variables");
  if (!section || !section->is_object()) return nullptr;
  if (const json::Member* m = declaration("variables", name)) return &m->value;
  // Variable copy loops: "copy": [{"name": "disks", "count": 3, "input": {...}}].
  if (const Value* copies = section->find("copy"); copies && copies->is_array()) {
    for (const Value& loop : copies->items()) {
      const Value* loop_name = loop.find("name");
      if (loop_name && loop_name->is_string() && json::iequals(loop_name->as_string(), name)) {
        *copy_loop = &loop;
        return &loop;
      }
    }
  }
  return nullptr;
}

Outcome TemplateScope::variable(std::string_view name) {
  if (options_.outer) return options_.outer->variable(name);
  const std::string key = json::to_lower(name);
  if (auto it = variables_.find(key); it != variables_.end()) return outcome(it->second);
  const Value* copy_loop = nullptr;
  const Value* definition = variable_definition(name, &copy_loop);
  if (!definition) {
    return EvalError{ErrorKind::MissingDefinition, 0,
                     not_declared("variable", name, root_.find("variables"))};
  }
  const std::string marker = "v:" + key;
  if (in_progress_.count(marker)) {
    return EvalError{ErrorKind::Cycle, 0, "variable '" + std::string(name) + "' depends on itself"};
  }
  in_progress_.insert(marker);
  Memo memo = compute_variable(std::string(name), definition, copy_loop);
  in_progress_.erase(marker);
  return outcome(variables_.emplace(key, std::move(memo)).first->second);
}

TemplateScope::Memo TemplateScope::compute_variable(const std::string& name,
                                                    const Value* definition,
                                                    const Value* copy_loop) {
  Memo memo;
  if (!copy_loop) {
    Frame frame;
    memo.value = evaluate_tree(*definition, *this, frame, memo.errors);
    return memo;
  }
  const Value* count_v = copy_loop->find("count");
  const Value* input = copy_loop->find("input");
  Frame frame;
  Value count = count_v ? evaluate_tree(*count_v, *this, frame, memo.errors) : Value::null();
  if (!count.is_int()) {
    memo.value = count.is_unknown()
                     ? Value::unknown("copy count of variable '" + name +
                                          "' is unknown: " + count.unknown_info().reason,
                                      count.unknown_info().expression, copy_loop->offset())
                     : Value::unknown("copy count of variable '" + name + "' is not an integer", "",
                                      copy_loop->offset());
    return memo;
  }
  if (count.as_int() < 0 || count.as_int() > kMaxCopyCount || !input) {
    memo.errors.push_back(
        ExprError{count_v->offset(),
                  EvalError{ErrorKind::Limit, 1,
                            "copy count " + std::to_string(count.as_int()) + " of variable '" +
                                name + "' is outside 0.." + std::to_string(kMaxCopyCount)}});
    memo.value = Value::unknown("copy count out of range", "", copy_loop->offset());
    return memo;
  }
  json::Array items;
  const LoopBindings none;
  for (int64_t i = 0; i < count.as_int(); ++i) {
    const LoopBindings loops = none.with_named_loop(name, Value::integer(i));
    frame.loops = &loops;
    items.push_back(evaluate_tree(*input, *this, frame, memo.errors));
    frame.loops = nullptr;
  }
  memo.value = Value::array(std::move(items), copy_loop->offset());
  return memo;
}

Evaluated TemplateScope::parameter_value(std::string_view name) {
  Evaluated out;
  Outcome r = parameter(name);
  if (!r.ok()) {
    out.errors.push_back(ExprError{json::kNoOffset, r.error()});
    out.value = Value::unknown(r.error().message, "parameters(" + quote(name) + ")");
    return out;
  }
  out.value = r.take();
  if (options_.outer) return out;
  if (auto it = parameters_.find(json::to_lower(name)); it != parameters_.end()) {
    out.errors = it->second.errors;
  }
  return out;
}

Evaluated TemplateScope::variable_value(std::string_view name) {
  Evaluated out;
  Outcome r = variable(name);
  if (!r.ok()) {
    out.errors.push_back(ExprError{json::kNoOffset, r.error()});
    out.value = Value::unknown(r.error().message, "variables(" + quote(name) + ")");
    return out;
  }
  out.value = r.take();
  if (options_.outer) return out;
  if (auto it = variables_.find(json::to_lower(name)); it != variables_.end()) {
    out.errors = it->second.errors;
  }
  return out;
}

std::vector<ExprError> TemplateScope::check_declarations() {
  std::vector<ExprError> errors;
  if (options_.outer) return errors;
  auto collect = [&](const Evaluated& e) {
    errors.insert(errors.end(), e.errors.begin(), e.errors.end());
  };
  if (const Value* params = root_.find("parameters"); params && params->is_object()) {
    for (const json::Member& m : params->members()) collect(parameter_value(m.key));
  }
  if (const Value* vars = root_.find("variables"); vars && vars->is_object()) {
    for (const json::Member& m : vars->members()) {
      if (json::iequals(m.key, "copy") && m.value.is_array()) {
        for (const Value& loop : m.value.items()) {
          const Value* n = loop.find("name");
          if (n && n->is_string()) collect(variable_value(n->as_string()));
        }
        continue;
      }
      collect(variable_value(m.key));
    }
  }
  return errors;
}

std::optional<TemplateScope::Copy> TemplateScope::resource_copy(const Value& resource,
                                                                const LoopBindings& loops) {
  const Value* copy = resource.find("copy");
  if (!copy || !copy->is_object()) return std::nullopt;
  Copy out;
  if (const Value* name = copy->find("name")) {
    Evaluated n = evaluate(*name, loops);
    out.errors = n.errors;
    if (n.value.is_string()) out.name = n.value.as_string();
  }
  const Value* count = copy->find("count");
  if (!count) {
    out.count = Value::unknown("copy has no count", "", copy->offset());
    return out;
  }
  Evaluated c = evaluate(*count, loops);
  out.errors.insert(out.errors.end(), c.errors.begin(), c.errors.end());
  if (c.value.is_int() || c.value.is_unknown()) {
    out.count = std::move(c.value);
  } else if (c.value.is_symbolic()) {
    out.count = Value::unknown(
        "depends on deployment-context value " + c.value.symbolic_info().name, "", count->offset());
  } else {
    out.errors.push_back(ExprError{
        count->offset(),
        EvalError{ErrorKind::Arguments, 1,
                  std::string("copy count must be an integer, got ") + arm_type_name(c.value)}});
    out.count = Value::unknown("copy count is not an integer", "", count->offset());
  }
  return out;
}

LoopBindings TemplateScope::bind(const Copy& copy, Value index, const LoopBindings& outer) {
  return outer.with_resource_loop(copy.name, std::move(index));
}

std::unique_ptr<TemplateScope> TemplateScope::nested(const Value& deployment_resource,
                                                     const LoopBindings& loops,
                                                     std::vector<ExprError>& errors,
                                                     ResourceResolver* resolver,
                                                     const Value* linked_template) {
  const Value* properties = deployment_resource.find("properties");
  if (!properties || !properties->is_object()) return nullptr;
  const Value* nested_template = linked_template ? linked_template : properties->find("template");
  if (!nested_template || !nested_template->is_object()) return nullptr;
  const Value* options = properties->find("expressionEvaluationOptions");
  const Value* scope = options ? options->find("scope") : nullptr;
  // Without an explicit scope Azure evaluates the nested template in the outer scope; one that
  // is handed parameters can only mean inner scope (outer would reject them). The scope option
  // applies to nested templates only: a linked one has its own.
  const Value* passed = properties->find("parameters");
  const bool inner =
      linked_template ||
      (scope && scope->is_string() ? json::iequals(scope->as_string(), "inner")
                                   : passed && passed->is_object() && !passed->members().empty());
  Options o;
  o.deployment = options_.deployment;
  o.resolver = resolver ? resolver : options_.resolver;
  o.budget = options_.budget;
  o.compiled = options_.compiled;
  if (!inner) {
    o.outer = this;
    return std::make_unique<TemplateScope>(*nested_template, std::move(o));
  }
  // A deployment to another resource group or subscription changes what resourceGroup() and
  // subscription() mean inside; a value not known here leaves them symbolic.
  auto retarget = [&](const char* field, std::optional<std::string>& target) {
    if (const Value* v = deployment_resource.find(field)) {
      Evaluated e = evaluate(*v, loops);
      errors.insert(errors.end(), e.errors.begin(), e.errors.end());
      if (e.value.is_string()) {
        target = e.value.as_string();
      } else {
        target.reset();
      }
    }
  };
  retarget("resourceGroup", o.deployment.resource_group);
  retarget("subscriptionId", o.deployment.subscription_id);
  if (const Value* params = properties->find("parameters"); params && params->is_object()) {
    Evaluated e = evaluate(*params, loops);
    errors.insert(errors.end(), e.errors.begin(), e.errors.end());
    Value supplied = Value::object();
    for (const json::Member& m : e.value.members()) {
      if (m.value.is_unknown()) {
        supplied.set(m.key, m.value, m.key_offset);
      } else if (const Value* v = m.value.find("value")) {
        supplied.set(m.key, *v, m.key_offset);
      } else if (m.value.find("reference")) {
        supplied.set(m.key,
                     Value::unknown("parameter '" + m.key +
                                        "' is a Key Vault secret reference, resolved at deployment",
                                    "", m.value.offset()),
                     m.key_offset);
      }
    }
    o.parameters = std::move(supplied);
  }
  return std::make_unique<TemplateScope>(*nested_template, std::move(o));
}

}  // namespace cmk::arm::expr
