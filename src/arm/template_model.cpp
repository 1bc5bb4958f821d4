#include "arm/template_model.hpp"

#include "json/reader.hpp"

namespace cmk::arm {

namespace {

std::string string_member(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  return v && v->is_string() ? v->as_string() : std::string();
}

class ModelBuilder {
 public:
  ModelBuilder(const InputFile& file, Model& model) : file_(file), model_(model) {}

  void add_template(const json::Value& tmpl, std::shared_ptr<const DeclaringTemplate> scope,
                    std::vector<std::string> path) {
    const json::Value* resources = tmpl.find("resources");
    if (!resources) return;
    if (resources->is_array()) {
      for (const json::Value& r : resources->items()) add_resource(r, {}, nullptr, scope, path);
    } else if (resources->is_object()) {  // languageVersion 2.0: keyed by symbolic name
      for (const json::Member& m : resources->members()) {
        add_resource(m.value, m.key, nullptr, scope, path);
      }
    } else {
      warn(resources->offset(), "'resources' is neither an array nor an object; ignored");
    }
  }

  void add_live(const json::Value& r) {
    if (!r.is_object()) return;
    Resource res = base_resource(r);
    res.type = string_member(r, "type");
    res.name = string_member(r, "name");
    res.evaluated_name = res.name;
    res.live = true;
    res.body = r;  // exported values are literal: nothing to evaluate
    model_.resources.push_back(std::move(res));
  }

 private:
  Resource base_resource(const json::Value& r) {
    Resource res;
    res.source = file_.source;
    res.raw = &r;
    res.offset = r.offset();
    res.api_version = string_member(r, "apiVersion");
    return res;
  }

  void add_resource(const json::Value& r, const std::string& symbolic, const Resource* parent,
                    const std::shared_ptr<const DeclaringTemplate>& scope,
                    const std::vector<std::string>& path) {
    if (!r.is_object()) {
      warn(r.offset(), "a resource must be an object; ignored");
      return;
    }
    Resource res = base_resource(r);
    res.symbolic_name = symbolic;
    res.scope = scope;
    res.deployment_path = path;
    std::string type = string_member(r, "type");
    std::string name = string_member(r, "name");
    if (type.empty()) {
      warn(r.offset(), "resource has no 'type'; ignored");
      return;
    }
    // A child declared inside its parent may use a short type and name ("keys", "key1"),
    // which Azure composes with the parent's; a full type is taken as written.
    if (parent && type.find('/') == std::string::npos) {
      type = parent->type + "/" + type;
      name = compose_name(parent->name, name);
    }
    res.type = type;
    res.name = name;
    if (!is_expression(json::Value::string(name))) res.evaluated_name = name;
    if (const json::Value* e = r.find("existing"); e && e->is_bool()) res.existing = e->as_bool();

    res.body = mark_expressions_unknown(r);
    set_keep_offset(res.body, "type", type);
    set_keep_offset(res.body, "name", name);
    model_.resources.push_back(res);

    if (const json::Value* children = r.find("resources"); children && children->is_array()) {
      for (const json::Value& child : children->items()) {
        add_resource(child, {}, &res, scope, path);
      }
    }
    if (json::iequals(type, "Microsoft.Resources/deployments")) add_nested(r, res, scope, path);
  }

  void add_nested(const json::Value& r, const Resource& res,
                  const std::shared_ptr<const DeclaringTemplate>& scope,
                  std::vector<std::string> path) {
    const json::Value* props = r.find("properties");
    const json::Value* tmpl = props ? props->find("template") : nullptr;
    if (!tmpl || !tmpl->is_object()) return;  // linked templates are not followed
    auto nested = std::make_shared<DeclaringTemplate>();
    nested->template_root = tmpl;
    nested->parameters = props->find("parameters");
    if (const json::Value* opts = props->find("expressionEvaluationOptions")) {
      nested->outer = !json::iequals(string_member(*opts, "scope"), "inner");
    } else {
      nested->outer = true;  // Azure's default scope for nested templates is outer
    }
    nested->parent = scope;
    nested->deployment_name = res.name;
    path.push_back(res.name);
    add_template(*tmpl, nested, path);
  }

  static std::string compose_name(const std::string& parent, const std::string& child) {
    const bool pe = is_expression(json::Value::string(parent));
    const bool ce = is_expression(json::Value::string(child));
    if (!pe && !ce) return parent + "/" + child;
    // Keep an expression's form so the evaluator can compose it exactly as Azure does.
    auto arg = [](const std::string& s, bool expr) {
      if (expr) return s.substr(1, s.size() - 2);
      std::string quoted = "'";
      for (char c : s) quoted += c == '\'' ? std::string("''") : std::string(1, c);
      return quoted + "'";
    };
    return "[format('{0}/{1}', " + arg(parent, pe) + ", " + arg(child, ce) + ")]";
  }

  static void set_keep_offset(json::Value& body, std::string_view key, const std::string& value) {
    json::Value* slot = body.find(key);
    const uint32_t off = slot ? slot->offset() : json::kNoOffset;
    json::Value v = is_expression(json::Value::string(value))
                        ? json::Value::unknown("expression not evaluated", value, off)
                        : json::Value::string(value, off);
    if (slot) {
      *slot = std::move(v);
    } else {
      body.set(std::string(key), std::move(v));
    }
  }

  void warn(uint32_t offset, std::string message) {
    model_.diagnostics.push_back(json::diagnostic_at(*file_.source,
                                                     offset == json::kNoOffset ? 0 : offset,
                                                     DiagnosticLevel::Warning, std::move(message)));
  }

  const InputFile& file_;
  Model& model_;
};

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

Model build_model(const InputFile& file) {
  Model model;
  ModelBuilder builder(file, model);
  switch (file.kind) {
    case FileKind::Template: {
      auto top = std::make_shared<DeclaringTemplate>();
      top->template_root = &file.root;
      builder.add_template(file.root, top, {});
      break;
    }
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
  return model;
}

}  // namespace cmk::arm
