#include "arm/model_resolver.hpp"

#include <algorithm>

#include "arm/expr/values.hpp"

namespace cmk::arm {

namespace {

std::string string_member(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  return v && v->is_string() ? v->as_string() : std::string();
}

std::string quote_literal(const std::string& s) { return expr::quote(s); }

bool is_expression_text(const json::Value& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.as_string();
  return s.size() >= 2 && s.front() == '[' && s.back() == ']' && s[1] != '[';
}

bool same(const json::Value& a, const json::Value& b) {
  if (a.is_string() && b.is_string()) return json::iequals(a.as_string(), b.as_string());
  if (a.is_symbolic() && b.is_symbolic()) {
    return json::iequals(a.symbolic_info().name, b.symbolic_info().name);
  }
  return false;
}

// resourceId(type, segments...) as the evaluator computes it, the segments passed as they are
// (bound as lambda variables); nullopt when the call fails or gives neither a string nor a
// symbolic value.
std::optional<json::Value> bound_resource_id(expr::TemplateScope& scope, const std::string& type,
                                             const std::vector<json::Value>& segments) {
  expr::Bindings bound;
  std::string args;
  for (size_t i = 0; i < segments.size(); ++i) {
    std::string var = "segment" + std::to_string(i);
    args += ", lambdaVariables('" + var + "')";
    bound.emplace_back(std::move(var), segments[i]);
  }
  const expr::Evaluated id =
      scope.evaluate_bound("[resourceId(" + quote_literal(type) + args + ")]", std::move(bound));
  if (id.errors.empty() && (id.value.is_string() || id.value.is_symbolic())) return id.value;
  return std::nullopt;
}

// The ID resourceId(type, split(X, '/')[0], split(X, '/')[1], ...) gives, X being the
// expression of the symbolic full name `name` (a symbolic "kv-<uniqueString>/key" splits where
// its literal text says); nullopt when that call fails or gives neither a string nor a symbolic
// value. X is often long (concat, uniqueString, resourceGroup()) and would be evaluated once per
// segment: split(X, '/') is evaluated once instead and its pieces are given to resourceId() as
// they are, the same arguments.
std::optional<json::Value> symbolic_name_id(expr::TemplateScope& scope, const std::string& type,
                                            const json::Value& name) {
  const size_t names = static_cast<size_t>(std::count(type.begin(), type.end(), '/'));
  if (names > 0) {
    // The name is split as the value it is, not as its text evaluated again: one expression for
    // every name, compiled once.
    const expr::Evaluated pieces =
        scope.evaluate_bound("[split(lambdaVariables('name'), '/')]", {{"name", name}});
    if (pieces.errors.empty() && pieces.value.is_array() && pieces.value.items().size() >= names) {
      const json::Array& items = pieces.value.items();
      return bound_resource_id(scope, type, {items.begin(), items.begin() + names});
    }
  }
  // Whatever else split() gives (an error, too few pieces): the call as written.
  const std::string text = expr::render_as_expression(name);
  std::string segments;
  for (size_t i = 0; i < names; ++i) {
    segments += ", split(" + text + ", '/')[" + std::to_string(i) + "]";
  }
  const expr::Evaluated id =
      scope.evaluate(json::Value::string("[resourceId(" + quote_literal(type) + segments + ")]"));
  if (id.errors.empty() && (id.value.is_string() || id.value.is_symbolic())) return id.value;
  return std::nullopt;
}

// The ID of a resource of `type` from its evaluated full name, a string or symbolic value; null
// when it cannot be computed that way.
json::Value id_from_name(expr::TemplateScope& scope, const std::string& type,
                         const json::Value& name) {
  if (name.is_symbolic()) return symbolic_name_id(scope, type, name).value_or(json::Value::null());
  // "kv/key" written in one part is two segments of the resource ID. Passed as values, so
  // resources of one type share one compiled expression.
  std::vector<json::Value> segments;
  const std::string_view text = name.as_string();
  size_t start = 0;
  while (true) {
    const size_t slash = text.find('/', start);
    segments.push_back(json::Value::string(std::string(text.substr(start, slash - start))));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return bound_resource_id(scope, type, segments).value_or(json::Value::null());
}

}  // namespace

std::string name_arguments(const std::vector<std::string>& name_parts) {
  std::string args;
  for (const std::string& part : name_parts) {
    const bool expr =
        part.size() >= 2 && part.front() == '[' && part.back() == ']' && part[1] != '[';
    args += (args.empty() ? "" : ", '/', ") +
            (expr ? part.substr(1, part.size() - 2) : quote_literal(part));
  }
  return args;
}

void add_derived_uri(json::Value& body, const std::string& type, expr::TemplateScope& scope,
                     const std::vector<std::string>& name_parts, const expr::LoopBindings& loops) {
  const bool vault = json::iequals(type, "Microsoft.KeyVault/vaults");
  const bool hsm = json::iequals(type, "Microsoft.KeyVault/managedHSMs");
  if ((!vault && !hsm) || !body.is_object() || name_parts.empty()) return;
  if (!body.find("properties")) body.set("properties", json::Value::object());
  json::Value* props = body.find("properties");
  if (!props->is_object() || props->find(vault ? "vaultUri" : "hsmUri")) return;
  // Built by the evaluator, so a symbolic name gives a symbolic URI.
  const std::string suffix =
      vault ? "environment().suffixes.keyvaultDns" : "'.managedhsm.azure.net'";
  expr::Evaluated uri =
      scope.evaluate(json::Value::string("[concat('https://', " + name_arguments(name_parts) +
                                         ", " + suffix + ", '/')]"),
                     loops);
  if (uri.errors.empty()) props->set(vault ? "vaultUri" : "hsmUri", std::move(uri.value));
}

void add_derived_key_uris(json::Value& body, const std::string& type, const json::Value& full_name,
                          expr::TemplateScope& scope, const expr::LoopBindings& loops) {
  if (!json::iequals(type, "Microsoft.KeyVault/vaults/keys") || !body.is_object()) return;
  if (!(full_name.is_string() || full_name.is_symbolic())) return;
  // Rendered before `body` changes: the caller passes the body's own "name" member, which adding
  // "properties" below may move (heap-use-after-free under AddressSanitizer).
  const std::string name = expr::render_as_expression(full_name);
  if (!body.find("properties")) body.set("properties", json::Value::object());
  json::Value* props = body.find("properties");
  if (!props->is_object() || props->find("keyUri") || props->find("keyUriWithVersion")) return;
  expr::Evaluated uri = scope.evaluate(
      json::Value::string("[concat('https://', first(split(" + name +
                          ", '/')), environment().suffixes.keyvaultDns, '/keys/', last(split(" +
                          name + ", '/')))]"),
      loops);
  if (!uri.errors.empty() || !(uri.value.is_string() || uri.value.is_symbolic())) return;
  // The version Azure gives the key when it creates it: one value per key, known afterwards.
  expr::TextBuilder versioned;
  versioned.add(uri.value);
  versioned.add_text("/");
  versioned.add(json::Value::symbolic("keyVersion(" + name + ")"));
  props->set("keyUri", std::move(uri.value));
  props->set("keyUriWithVersion", versioned.finish());
}

json::Value declared_resource_id(expr::TemplateScope& scope, const std::string& type,
                                 const std::vector<std::string>& name_parts,
                                 const json::Value& name, const expr::LoopBindings& loops) {
  // Computed by the evaluator itself, so a symbolic ID compares equal exactly when it is the
  // same computation as the one a template's resourceId() call makes.
  // Built from values, not from the name as written: the same for every loop iteration, and
  // computed once per scope, as the model and reference() both ask for it.
  if (name.is_symbolic() || name.is_string()) {
    const std::string key =
        type + (name.is_string() ? "\n'" + name.as_string() : "\n" + name.symbolic_info().name);
    const json::Value& id = scope.once(key, [&] { return id_from_name(scope, type, name); });
    if (!id.is_null() || name.is_string()) return id;
  }
  // Else the name parts as written, for names split() cannot take apart.
  std::string segments;
  for (const std::string& part : name_parts) {
    const bool expr =
        part.size() >= 2 && part.front() == '[' && part.back() == ']' && part[1] != '[';
    segments += ", " + (expr ? part.substr(1, part.size() - 2) : quote_literal(part));
  }
  const expr::Evaluated id = scope.evaluate(
      json::Value::string("[resourceId(" + quote_literal(type) + segments + ")]"), loops);
  if (id.errors.empty() && (id.value.is_string() || id.value.is_symbolic())) return id.value;
  return json::Value::null();
}

void add_runtime_identity(json::Value& body, const std::string& type, const json::Value& id) {
  if (!body.is_object() || !(id.is_string() || id.is_symbolic())) return;
  const std::string id_text = id.is_string() ? "'" + id.as_string() + "'" : id.symbolic_info().name;
  auto runtime = [&](const std::string& property) {
    return json::Value::symbolic("reference(" + id_text + ")." + property, json::kNoOffset,
                                 /*unique=*/property != "properties.tenantId");
  };
  if (json::iequals(type, "Microsoft.ManagedIdentity/userAssignedIdentities")) {
    if (!body.find("properties")) body.set("properties", json::Value::object());
    json::Value* props = body.find("properties");
    if (!props->is_object()) return;
    for (const char* p : {"principalId", "clientId", "tenantId"}) {
      if (!props->find(p)) props->set(p, runtime(std::string("properties.") + p));
    }
  }
  json::Value* identity = body.find("identity");
  if (identity && identity->is_object()) {
    const json::Value* t = identity->find("type");
    if (t && t->is_string() &&
        json::to_lower(t->as_string()).find("systemassigned") != std::string::npos &&
        !identity->find("principalId")) {
      identity->set("principalId", runtime("identity.principalId"));
    }
  }
}

json::Value declaration_body(const json::Value& declaration) {
  json::Value own = declaration;
  if (!own.is_object()) return own;
  std::erase_if(own.members(),
                [](const json::Member& m) { return json::iequals(m.key, "resources"); });
  if (json::iequals(string_member(own, "type"), "Microsoft.Resources/deployments")) {
    if (json::Value* props = own.find("properties"); props && props->is_object()) {
      std::erase_if(props->members(),
                    [](const json::Member& m) { return json::iequals(m.key, "template"); });
    }
  }
  return own;
}

ModelResolver::ModelResolver(const json::Value& template_root, LinkedTemplates* links,
                             FilePlace place)
    : links_(links), place_(std::move(place)) {
  if (const json::Value* resources = template_root.find("resources")) index(*resources, nullptr);
}

void ModelResolver::index(const json::Value& resources, const Entry* parent) {
  auto add = [&](const json::Value& decl, const std::string& symbolic) {
    if (!decl.is_object()) return;
    Entry e;
    e.declaration = &decl;
    e.symbolic_name = symbolic;
    e.copy = decl.find("copy") != nullptr;
    e.type = string_member(decl, "type");
    const std::string name = string_member(decl, "name");
    if (parent && e.type.find('/') == std::string::npos) {
      e.type = parent->type + "/" + e.type;
      e.name_parts = parent->name_parts;
    }
    e.name_parts.push_back(name);
    entries_.push_back(e);
    // Children of a looped parent would need the parent's instance: not followed.
    if (const json::Value* children = decl.find("resources");
        children && children->is_array() && !e.copy) {
      const Entry copy = entries_.back();  // `entries_` may grow below
      index(*children, &copy);
    }
  };
  if (resources.is_array()) {
    for (const json::Value& r : resources.items()) add(r, {});
  } else if (resources.is_object()) {
    for (const json::Member& m : resources.members()) add(m.value, m.key);
  }
}

void ModelResolver::compute_keys(Entry& e) {
  e.keyed = true;
  std::vector<expr::LoopBindings> bindings;
  if (!e.copy) {
    bindings.emplace_back();
  } else if (auto copy = scope_->resource_copy(*e.declaration); copy && copy->count.is_int()) {
    // Azure deploys at most 800 instances of a loop.
    const int64_t count = std::min<int64_t>(copy->count.as_int(), expr::kMaxCopyCount);
    for (int64_t i = 0; i < count; ++i) {
      bindings.push_back(expr::TemplateScope::bind(*copy, json::Value::integer(i)));
    }
  }
  for (expr::LoopBindings& loops : bindings) {
    Instance instance;
    instance.loops = std::move(loops);
    expr::Evaluated name = full_name(e.name_parts, instance.loops);
    if (name.errors.empty() && (name.value.is_string() || name.value.is_symbolic())) {
      json::Value id = deployment_target_id(e, name.value, instance.loops);
      if (id.is_null()) {
        id = declared_resource_id(*scope_, e.type, e.name_parts, name.value, instance.loops);
      }
      instance.keys.push_back(std::move(name.value));
      if (!id.is_null()) instance.keys.push_back(std::move(id));
    }
    e.instances.push_back(std::move(instance));
  }
}

expr::Evaluated ModelResolver::full_name(const std::vector<std::string>& name_parts,
                                         const expr::LoopBindings& loops) {
  // A name of one part is evaluated as written: the model evaluates the same string, so its
  // expression is compiled once. concat() of one string or symbolic value is that value.
  if (name_parts.size() == 1) {
    expr::Evaluated name = scope_->evaluate(json::Value::string(name_parts[0]), loops);
    if (name.errors.empty() && (name.value.is_string() || name.value.is_symbolic())) return name;
  }
  return scope_->evaluate(json::Value::string("[concat(" + name_arguments(name_parts) + ")]"),
                          loops);
}

json::Value ModelResolver::deployment_target_id(const Entry& e, const json::Value& name,
                                                const expr::LoopBindings& loops) {
  // A nested deployment aimed at a resource group (from a subscription-level template, or another
  // group) lives there: its ID names that group, as the template's own references to it do.
  const json::Value* group = e.declaration->find("resourceGroup");
  if (!json::iequals(e.type, "Microsoft.Resources/deployments") || !group)
    return json::Value::null();
  auto argument = [](const json::Value* v, const std::string& fallback) {
    if (!v) return fallback;
    if (is_expression_text(*v)) return v->as_string().substr(1, v->as_string().size() - 2);
    return v->is_string() ? quote_literal(v->as_string()) : fallback;
  };
  const std::string subscription =
      argument(e.declaration->find("subscriptionId"), "subscription().subscriptionId");
  const std::string expr = "[resourceId(" + subscription + ", " + argument(group, "''") +
                           ", 'Microsoft.Resources/deployments', " +
                           expr::render_as_expression(name) + ")]";
  expr::Evaluated id = scope_->evaluate(json::Value::string(expr), loops);
  if (id.errors.empty() && (id.value.is_string() || id.value.is_symbolic())) return id.value;
  return json::Value::null();
}

std::optional<json::Value> ModelResolver::resource_by_id(const json::Value& target) {
  if (!scope_) return std::nullopt;
  for (Entry& e : entries_) {
    const bool by_symbol =
        target.is_string() && !e.symbolic_name.empty() && target.as_string() == e.symbolic_name;
    if (!e.keyed && (!by_symbol || !e.copy)) compute_keys(e);
    for (Instance& instance : e.instances) {
      bool hit = by_symbol && !e.copy;
      for (const json::Value& k : instance.keys) hit = hit || same(k, target);
      if (!hit) continue;
      if (instance.evaluated) return instance.evaluated;
      if (instance.in_progress) return std::nullopt;  // a resource that refers to itself
      instance.in_progress = true;
      instance.evaluated = scope_->evaluate(declaration_body(*e.declaration), instance.loops).value;
      add_derived_uri(*instance.evaluated, e.type, *scope_, e.name_parts, instance.loops);
      if (!instance.keys.empty()) {
        add_derived_key_uris(*instance.evaluated, e.type, instance.keys[0], *scope_,
                             instance.loops);
      }
      if (instance.keys.size() > 1) {
        add_runtime_identity(*instance.evaluated, e.type, instance.keys[1]);
      }
      if (json::iequals(e.type, "Microsoft.Resources/deployments")) {
        add_outputs(e, instance, e.copy ? static_cast<int>(&instance - e.instances.data()) : -1);
      }
      instance.in_progress = false;
      return instance.evaluated;
    }
  }
  return undeclared_identity(target);
}

ModelResolver::Nested* ModelResolver::nested_deployment(const json::Value& declaration,
                                                        int copy_index,
                                                        const expr::LoopBindings& loops) {
  if (!scope_) return nullptr;
  for (const Entry& e : entries_) {
    if (e.declaration != &declaration) continue;
    // A loop's instance is shared only as the instance this resolver would bind.
    if (e.copy != (copy_index >= 0)) return nullptr;
    return &nested_for(declaration, copy_index, loops);
  }
  return nullptr;
}

ModelResolver::Nested& ModelResolver::nested_for(const json::Value& declaration, int copy_index,
                                                 const expr::LoopBindings& loops) {
  std::unique_ptr<Nested>& slot = nested_[{&declaration, copy_index}];
  if (!slot) slot = open_nested(declaration, *scope_, loops, links_, place_);
  return *slot;
}

std::unique_ptr<ModelResolver::Nested> ModelResolver::open_nested(const json::Value& declaration,
                                                                  expr::TemplateScope& scope,
                                                                  const expr::LoopBindings& loops,
                                                                  LinkedTemplates* links,
                                                                  const FilePlace& place) {
  auto n = std::make_unique<Nested>();
  const json::Value* props = declaration.find("properties");
  const json::Value* tmpl = props ? props->find("template") : nullptr;
  const json::Value* linked = nullptr;
  FilePlace inner_place = place;
  if (!tmpl || !tmpl->is_object()) {
    tmpl = nullptr;
    if (links) n->link = links->resolve(declaration, scope, loops, place);
    if (!n->link || n->link->state != LinkedTemplates::Link::State::Followed) return n;
    tmpl = linked = &n->link->file->root;
    inner_place = n->link->place;
  }
  n->template_root = tmpl;
  n->resolver = std::make_unique<ModelResolver>(*tmpl, links, inner_place);
  n->scope = scope.nested(declaration, loops, n->errors, n->resolver.get(), linked);
  if (!n->scope) return n;
  n->resolver->attach(*n->scope);
  std::optional<LinkedTemplates::Reading> reading;
  if (n->link) reading.emplace(*links, n->link->canonical);
  n->scope->check_declarations();
  return n;
}

void ModelResolver::add_outputs(Entry& e, Instance& instance, int copy_index) {
  const json::Value* props = e.declaration->find("properties");
  const json::Value* inline_template = props ? props->find("template") : nullptr;
  if (inline_template && inline_template->is_object() && !inline_template->find("outputs")) return;
  Nested& n = nested_for(*e.declaration, copy_index, instance.loops);
  if (!n.scope) return;
  const json::Value* outputs = n.template_root->find("outputs");
  if (!outputs || !outputs->is_object()) return;
  // Not reported here: the model reports the link where it builds the deployment.
  std::optional<LinkedTemplates::Reading> reading;
  if (n.link) reading.emplace(*links_, n.link->canonical);
  // The nested template's outputs, evaluated in its own scope (inner or outer, with the
  // parameters the deployment passes), answer reference(deployment).outputs.NAME.value: how
  // compiled Bicep hands values from one module to the next.
  json::Value evaluated = json::Value::object();
  for (const json::Member& m : outputs->members()) {
    if (!m.value.is_object() || m.value.find("copy")) continue;  // output loops: not followed
    json::Value out = json::Value::object();
    if (const json::Value* type = m.value.find("type")) out.set("type", *type);
    const json::Value* value = m.value.find("value");
    out.set("value", value ? n.scope->evaluate(*value).value
                           : json::Value::unknown("output '" + m.key + "' has no value"));
    evaluated.set(m.key, std::move(out), m.key_offset);
  }
  json::Value* body_props = instance.evaluated->find("properties");
  if (body_props && body_props->is_object()) body_props->set("outputs", std::move(evaluated));
}

std::optional<json::Value> undeclared_identity(const json::Value& id) {
  // A user-assigned identity declared elsewhere still has one principalId and one clientId:
  // values known only after deployment, but the same for every reference to that identity ID.
  const std::string text = id.is_string()     ? id.as_string()
                           : id.is_symbolic() ? id.symbolic_info().name
                                              : std::string();
  if (json::to_lower(text).find("/providers/microsoft.managedidentity/userassignedidentities/") ==
      std::string::npos) {
    return std::nullopt;
  }
  json::Value body = json::Value::object();
  const std::string type = "Microsoft.ManagedIdentity/userAssignedIdentities";
  body.set("type", json::Value::string(type));
  add_runtime_identity(body, type, id);
  return body;
}

}  // namespace cmk::arm
