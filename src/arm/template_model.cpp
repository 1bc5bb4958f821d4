#include "arm/template_model.hpp"

#include <chrono>
#include <set>
#include <tuple>

#include "arm/expr/template_scope.hpp"
#include "arm/linked_templates.hpp"
#include "arm/model_resolver.hpp"
#include "json/reader.hpp"

namespace cmk::arm {

namespace {

std::string string_member(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  return v && v->is_string() ? v->as_string() : std::string();
}

// The full name of a resource from its ID: the names after the last "/providers/{namespace}/",
// joined by '/' ("/.../providers/Microsoft.KeyVault/vaults/kv/keys/k" -> "kv/k"); empty when the
// ID has no such part.
std::string full_name_from_id(const std::string& id) {
  const std::string lower = json::to_lower(id);
  const size_t at = lower.rfind("/providers/");
  if (at == std::string::npos) return {};
  std::vector<std::string> segments;
  size_t start = at + 11;
  while (start <= id.size()) {
    const size_t slash = id.find('/', start);
    segments.push_back(id.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  // namespace, type1, name1, type2, name2, ...
  if (segments.size() < 3 || segments.size() % 2 == 0) return {};
  std::string name;
  for (size_t i = 2; i < segments.size(); i += 2) name += (name.empty() ? "" : "/") + segments[i];
  return name;
}

class ModelBuilder {
 public:
  ModelBuilder(const InputFile& file, const ModelOptions& options, Model& model)
      : file_(&file),
        options_(options),
        model_(model),
        links_(file, options.link_roots, model.linked_files, options.max_file_size),
        place_(links_.top()) {}

  void add_top_template() {
    auto top = std::make_shared<DeclaringTemplate>();
    top->template_root = &file_->root;
    ModelResolver resolver(file_->root, &links_, place_);
    expr::TemplateScope scope(file_->root, {options_.parameters, options_.deployment, &resolver});
    resolver.attach(scope);
    add_template(file_->root, scope, top, {}, 0);
  }

  void add_live(const json::Value& r) {
    if (!r.is_object()) return;
    Resource res = base_resource(r);
    res.type = string_member(r, "type");
    res.name = string_member(r, "name");
    res.evaluated_name = res.name;
    res.live = true;
    res.body = r;  // exported values are literal: nothing to evaluate
    if (const json::Value* id = r.find("id"); id && id->is_string()) {
      res.id = *id;
      // Azure exports a child's name as its last segment ("key"); rules and links read the full
      // name as templates write it ("vault/key"), which the ID spells out.
      if (std::string full = full_name_from_id(id->as_string()); !full.empty()) {
        res.name = full;
        res.evaluated_name = full;
        set_keep_offset(res.body, "name", json::Value::string(full));
      }
    }
    model_.resources.push_back(std::move(res));
  }

 private:
  void add_template(const json::Value& tmpl, expr::TemplateScope& scope,
                    const std::shared_ptr<const DeclaringTemplate>& declaring,
                    const std::vector<std::string>& path, int depth) {
    report(scope.check_declarations());
    const json::Value* resources = tmpl.find("resources");
    if (!resources) return;
    if (resources->is_array()) {
      for (const json::Value& r : resources->items()) {
        add_declaration(r, {}, nullptr, scope, declaring, path, {}, depth);
      }
    } else if (resources->is_object()) {  // languageVersion 2.0: keyed by symbolic name
      for (const json::Member& m : resources->members()) {
        add_declaration(m.value, m.key, nullptr, scope, declaring, path, {}, depth);
      }
    } else {
      warn(resources->offset(), "'resources' is neither an array nor an object; ignored");
    }
  }

  // One declaration: each instance of its copy loop (one instance without a loop).
  void add_declaration(const json::Value& r, const std::string& symbolic, const Resource* parent,
                       expr::TemplateScope& scope,
                       const std::shared_ptr<const DeclaringTemplate>& declaring,
                       const std::vector<std::string>& path, const expr::LoopBindings& outer,
                       int depth) {
    if (!r.is_object()) {
      warn(r.offset(), "a resource must be an object; ignored");
      return;
    }
    if (string_member(r, "type").empty() && !r.find("type")) {
      warn(r.offset(), "resource has no 'type'; ignored");
      return;
    }
    const std::optional<expr::TemplateScope::Copy> copy = scope.resource_copy(r, outer);
    if (!copy) {
      add_instance(r, symbolic, parent, scope, declaring, path, outer, -1, depth);
      return;
    }
    report(copy->errors);
    if (!copy->count.is_int()) {
      // How many is not known: one instance stands for all, its index unknown.
      add_instance(
          r, symbolic, parent, scope, declaring, path,
          expr::TemplateScope::bind(
              *copy,
              json::Value::unknown(
                  "the copy count is not known before deployment",
                  copy->count.is_unknown() ? copy->count.unknown_info().expression : std::string()),
              outer),
          -1, depth);
      return;
    }
    const int64_t count = copy->count.as_int();
    const auto limit = static_cast<int64_t>(options_.max_copy_instances);
    const json::Value* count_v = r.find("copy")->find("count");
    const uint32_t at = count_v ? count_v->offset() : r.offset();
    if (count > expr::kMaxCopyCount) {
      warn(at, "copy count " + std::to_string(count) + " is over Azure's limit of " +
                   std::to_string(expr::kMaxCopyCount) +
                   "; Azure rejects the deployment (the first " +
                   std::to_string(std::min(limit, count)) + " instances are analysed)");
    } else if (count < 0) {
      warn(at,
           "copy count " + std::to_string(count) + " is negative; Azure rejects the deployment");
    } else if (count > limit) {
      warn(at, "copy count " + std::to_string(count) + ": only the first " + std::to_string(limit) +
                   " instances are analysed");
    }
    for (int64_t i = 0; i < std::min(count, limit); ++i) {
      add_instance(r, symbolic, parent, scope, declaring, path,
                   expr::TemplateScope::bind(*copy, json::Value::integer(i), outer),
                   static_cast<int>(i), depth);
    }
  }

  void add_instance(const json::Value& r, const std::string& symbolic, const Resource* parent,
                    expr::TemplateScope& scope,
                    const std::shared_ptr<const DeclaringTemplate>& declaring,
                    const std::vector<std::string>& path, const expr::LoopBindings& loops,
                    int copy_index, int depth) {
    Resource res = base_resource(r);
    res.symbolic_name = symbolic;
    res.scope = declaring;
    res.deployment_path = path;
    res.copy_index = copy_index;
    if (const json::Value* e = r.find("existing"); e && e->is_bool()) res.existing = e->as_bool();

    // Azure skips a resource whose condition is false; an unknown one is kept, marked.
    if (const json::Value* condition = r.find("condition"); condition && !res.existing) {
      expr::Evaluated c = scope.evaluate(*condition, loops);
      report(c.errors);
      if (c.value.is_bool() && !c.value.as_bool()) return;
      if (!c.value.is_bool()) {
        res.conditional =
            condition->is_string() ? condition->as_string() : json::to_json(*condition);
      }
    }

    // An existing resource is read only where it is referenced; it is not judged, so its
    // properties are not evaluated.
    if (res.existing) {
      res.body = mark_expressions_unknown(declaration_body(r));
    } else {
      expr::Evaluated e = scope.evaluate(declaration_body(r), loops);
      report(e.errors);
      res.body = std::move(e.value);
    }
    set_identity(res, r, parent, scope, loops);
    // Existing resources too: a referenced vault's URI and identity's runtime values are the
    // same ones the template's reference() calls give.
    if (!parent) add_derived_uri(res.body, res.type, scope, {string_member(r, "name")}, loops);
    if (const json::Value* full = res.body.find("name")) {
      add_derived_key_uris(res.body, res.type, *full, scope, loops);
    }
    if (const json::Value* name = res.body.find("name");
        name && (name->is_string() || (name->is_symbolic() && !parent))) {
      res.id = declared_resource_id(scope, res.type, {string_member(r, "name")}, *name);
      // The same symbolic identity values reference() gives, so rules can match them.
      add_runtime_identity(res.body, res.type, res.id);
    }
    model_.resources.push_back(res);

    if (const json::Value* children = r.find("resources"); children && children->is_array()) {
      for (const json::Value& child : children->items()) {
        add_declaration(child, {}, &res, scope, declaring, path, loops, depth);
      }
    }
    if (json::iequals(res.type, "Microsoft.Resources/deployments") && !res.existing) {
      add_nested(r, res, scope, declaring, path, loops, copy_index, depth);
    }
  }

  // Type and name as written (composed with the parent's for a child) and as evaluated.
  void set_identity(Resource& res, const json::Value& r, const Resource* parent,
                    expr::TemplateScope& scope, const expr::LoopBindings& loops) {
    std::string type = string_member(r, "type");
    std::string name = string_member(r, "name");
    const json::Value* type_value = res.body.find("type");
    if (type_value && type_value->is_string()) type = type_value->as_string();
    std::optional<std::string> evaluated;
    if (const json::Value* n = res.body.find("name"); n && n->is_string()) {
      evaluated = n->as_string();
    } else if (res.existing && !is_expression(json::Value::string(name))) {
      evaluated = name;
    } else if (res.existing) {
      expr::Evaluated n2 = scope.evaluate(*r.find("name"), loops);
      if (n2.value.is_string()) evaluated = n2.value.as_string();
    }
    if (parent && type.find('/') == std::string::npos) {
      type = parent->type + "/" + type;
      name = parent->name + "/" + name;
      if (evaluated) {
        evaluated = parent->evaluated_name
                        ? std::optional(*parent->evaluated_name + "/" + *evaluated)
                        : std::nullopt;
      }
    }
    res.type = type;
    res.name = name;
    res.evaluated_name = evaluated;
    // Rules read the full type and name, as Azure composes them.
    set_keep_offset(res.body, "type", json::Value::string(type));
    if (evaluated) set_keep_offset(res.body, "name", json::Value::string(*evaluated));
  }

  void add_nested(const json::Value& r, const Resource& res, expr::TemplateScope& scope,
                  const std::shared_ptr<const DeclaringTemplate>& declaring,
                  std::vector<std::string> path, const expr::LoopBindings& loops, int copy_index,
                  int depth) {
    const json::Value* props = r.find("properties");
    const json::Value* tmpl = props ? props->find("template") : nullptr;
    const bool inline_template = tmpl && tmpl->is_object();
    if (!inline_template && !(props && props->find("templateLink"))) return;
    if (depth >= kMaxNesting) {
      warn(r.offset(), "nested deployments deeper than " + std::to_string(kMaxNesting) +
                           " levels are not analysed");
      return;
    }
    // Shared with reference(deployment).outputs when the declaring template's resolver indexes
    // this deployment; otherwise (a child of a looped resource) opened here.
    auto* declaring_resolver = dynamic_cast<ModelResolver*>(scope.options().resolver);
    ModelResolver::Nested* n =
        declaring_resolver ? declaring_resolver->nested_deployment(r, copy_index, loops) : nullptr;
    std::unique_ptr<ModelResolver::Nested> own;
    if (!n) {
      own = ModelResolver::open_nested(r, scope, loops, &links_, place_);
      n = own.get();
    }
    const std::optional<LinkedTemplates::Link>& link = n->link;
    if (link) {
      if (link->state == LinkedTemplates::Link::State::Failed) {
        warn(link->offset, link->message);
        return;
      }
      if (link->state == LinkedTemplates::Link::State::NotFollowed) {
        note(link->offset, link->message);
        return;
      }
      if (const json::Value* p = props->find("parametersLink")) {
        note(p->offset(),
             "parametersLink is not read; the linked template's parameters not given in "
             "'parameters' take their defaults");
      }
    }
    tmpl = n->template_root;
    auto nested_record = std::make_shared<DeclaringTemplate>();
    nested_record->template_root = tmpl;
    nested_record->parameters = props->find("parameters");
    const json::Value* opts = props->find("expressionEvaluationOptions");
    // Azure's default scope for nested templates is outer; a linked template has its own.
    nested_record->outer =
        !link && !(opts && json::iequals(string_member(*opts, "scope"), "inner"));
    nested_record->parent = declaring;
    nested_record->deployment_name = res.evaluated_name.value_or(res.name);

    report(n->errors);
    if (!n->scope) return;
    path.push_back(nested_record->deployment_name);
    if (!link) {
      add_template(*tmpl, *n->scope, nested_record, path, depth + 1);
      return;
    }
    // The linked file's resources and problems point into it.
    LinkedTemplates::Reading reading(links_, link->canonical);
    const InputFile* outer_file = file_;
    const FilePlace outer_place = place_;
    file_ = link->file;
    place_ = link->place;
    add_template(*tmpl, *n->scope, nested_record, path, depth + 1);
    file_ = outer_file;
    place_ = outer_place;
  }

  Resource base_resource(const json::Value& r) {
    Resource res;
    res.source = file_->source;
    res.raw = &r;
    res.offset = r.offset();
    res.api_version = string_member(r, "apiVersion");
    return res;
  }

  static void set_keep_offset(json::Value& body, std::string_view key, json::Value value) {
    if (!body.is_object()) return;
    json::Value* slot = body.find(key);
    value.set_offset(slot ? slot->offset() : json::kNoOffset);
    if (slot) {
      *slot = std::move(value);
    } else {
      body.set(std::string(key), std::move(value));
    }
  }

  void report(const std::vector<expr::ExprError>& errors) {
    for (const expr::ExprError& e : errors) {
      // Syntax errors and unknown functions are mistakes in the template Azure would reject;
      // other errors (a bad argument under default parameter values) leave the value unknown.
      const bool hard = e.error.kind == expr::ErrorKind::Syntax ||
                        e.error.kind == expr::ErrorKind::UnknownFunction ||
                        e.error.kind == expr::ErrorKind::Budget;
      const size_t offset = e.offset == json::kNoOffset ? 0 : e.offset + e.error.column;
      model_.diagnostics.push_back(json::diagnostic_at(
          *file_->source, offset, hard ? DiagnosticLevel::Error : DiagnosticLevel::Warning,
          e.error.message));
    }
  }

  void warn(uint32_t offset, std::string message) {
    model_.diagnostics.push_back(json::diagnostic_at(*file_->source,
                                                     offset == json::kNoOffset ? 0 : offset,
                                                     DiagnosticLevel::Warning, std::move(message)));
  }

  void note(uint32_t offset, std::string message) {
    model_.diagnostics.push_back(json::diagnostic_at(*file_->source,
                                                     offset == json::kNoOffset ? 0 : offset,
                                                     DiagnosticLevel::Note, std::move(message)));
  }

  const InputFile* file_;  // the file being read: the top-level one or a linked one
  const ModelOptions& options_;
  Model& model_;
  LinkedTemplates links_;
  FilePlace place_;  // file_'s place, which its links are relative to
};

// Each problem once: the instances of a copy loop, and a template linked more than once, repeat
// the same ones.
void drop_repeats(Diagnostics& diagnostics) {
  std::set<std::tuple<std::string, uint32_t, uint32_t, DiagnosticLevel, std::string>> seen;
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    return !seen.emplace(d.file, d.line, d.column, d.level, d.message).second;
  });
}

}  // namespace

bool is_expression(const json::Value& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.as_string();
  return s.size() >= 2 && s.front() == '[' && s.back() == ']' && s[1] != '[';
}

json::Value mark_expressions_unknown(const json::Value& v) {
  switch (v.kind()) {
    case json::Kind::String:
      if (is_expression(v)) {
        return json::Value::unknown("expression not evaluated", v.as_string(), v.offset());
      }
      if (v.as_string().rfind("[[", 0) == 0) {
        return json::Value::string(v.as_string().substr(1), v.offset());
      }
      return v;
    case json::Kind::Array: {
      json::Array items;
      items.reserve(v.items().size());
      for (const json::Value& item : v.items()) items.push_back(mark_expressions_unknown(item));
      return json::Value::array(std::move(items), v.offset());
    }
    case json::Kind::Object: {
      json::Object members;
      members.reserve(v.members().size());
      for (const json::Member& m : v.members()) {
        members.push_back(json::Member{m.key, m.key_offset, mark_expressions_unknown(m.value)});
      }
      return json::Value::object(std::move(members), v.offset());
    }
    default:
      return v;
  }
}

namespace {

json::Value deployment_context(const ModelOptions& options) {
  json::Value context = json::Value::object();
  const expr::DeploymentContext& d = options.deployment;
  auto fact = [](const std::optional<std::string>& given, const char* symbolic) {
    return given ? json::Value::string(*given) : json::Value::symbolic(symbolic);
  };
  context.set("tenantId", fact(d.tenant_id, "subscription().tenantId"));
  context.set("subscriptionId", fact(d.subscription_id, "subscription().subscriptionId"));
  context.set("location", fact(d.location, "resourceGroup().location"));
  context.set("resourceGroup", fact(d.resource_group, "resourceGroup().name"));
  const int64_t now = options.now.value_or(std::chrono::duration_cast<std::chrono::seconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count());
  context.set("now", json::Value::integer(now));
  return context;
}

}  // namespace

Model build_model(const InputFile& file, const ModelOptions& options) {
  return build_model(file, options, deployment_context(options));
}

Model build_model(const InputFile& file, const ModelOptions& options, json::Value context) {
  Model model;
  model.context = std::move(context);
  ModelBuilder builder(file, options, model);
  switch (file.kind) {
    case FileKind::Template:
      builder.add_top_template();
      break;
    case FileKind::LiveResources: {
      const json::Value* list = &file.root;
      if (file.root.is_object()) {
        if (const json::Value* v = file.root.find("value"); v && v->is_array())
          list = v;
        else if (const json::Value* d = file.root.find("data"); d && d->is_array())
          list = d;
      }
      if (list->is_array()) {
        for (const json::Value& r : list->items()) builder.add_live(r);
      } else {
        builder.add_live(*list);
      }
      break;
    }
    default:
      break;
  }
  drop_repeats(model.diagnostics);
  return model;
}

}  // namespace cmk::arm
