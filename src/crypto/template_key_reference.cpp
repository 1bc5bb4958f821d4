#include "crypto/template_key_reference.hpp"

namespace cmk::crypto {

namespace {
using json::Value;

// "[...]" is an ARM expression; "[[..." is an escaped literal that starts with '['.
bool is_expression(const std::string& s) {
  return s.size() >= 2 && s.front() == '[' && s[1] != '[' && s.back() == ']';
}

std::string unescape(const std::string& s) { return s.starts_with("[[") ? s.substr(1) : s; }

bool is_expression_value(const Value* v) {
  return v && v->is_string() && is_expression(v->as_string());
}

TemplateKeyReference inspect_account(const Value& resource) {
  TemplateKeyReference ref;
  ref.offset = resource.offset();
  if (const Value* name = resource.find("name"); name && name->is_string()) {
    ref.account = name->as_string();
  }
  const Value* props = resource.find("properties");
  if (is_expression_value(props)) {
    ref.state = TemplateKeyReference::State::Unknown;
    ref.offset = props->offset();
    ref.detail = props->as_string();
    return ref;
  }
  const Value* encryption = props && props->is_object() ? props->find("encryption") : nullptr;
  if (is_expression_value(encryption)) {
    ref.state = TemplateKeyReference::State::Unknown;
    ref.offset = encryption->offset();
    ref.detail = encryption->as_string();
    return ref;
  }
  if (!encryption || !encryption->is_object()) {
    ref.detail = "properties.encryption is not set (Microsoft-managed keys)";
    return ref;
  }
  ref.offset = encryption->offset();
  const Value* key_source = encryption->find("keySource");
  if (key_source && key_source->is_string() && is_expression(key_source->as_string())) {
    ref.state = TemplateKeyReference::State::Unknown;
    ref.detail = key_source->as_string();
    return ref;
  }
  if (!key_source || !key_source->is_string() ||
      !json::iequals(key_source->as_string(), "Microsoft.KeyVault")) {
    ref.detail = "encryption.keySource is not Microsoft.KeyVault";
    return ref;
  }
  const Value* kvp = encryption->find("keyVaultProperties");
  if (is_expression_value(kvp)) {
    ref.state = TemplateKeyReference::State::Unknown;
    ref.offset = kvp->offset();
    ref.detail = kvp->as_string();
    return ref;
  }
  if (!kvp || !kvp->is_object()) {
    ref.detail = "encryption.keyVaultProperties is not set";
    return ref;
  }
  ref.offset = kvp->offset();
  struct Field {
    const char* name;
    std::string* out;
    bool required;
  };
  const Field fields[] = {{"keyVaultUri", &ref.key_vault_uri, true},
                          {"keyName", &ref.key_name, true},
                          {"keyVersion", &ref.key_version, false}};
  for (const Field& f : fields) {
    const Value* v = kvp->find(f.name);
    if (!v || (v->is_string() && v->as_string().empty())) {
      if (f.required) {
        ref.detail = std::string("keyVaultProperties.") + f.name + " is not set";
        return ref;
      }
      continue;
    }
    if (!v->is_string()) {
      ref.detail = std::string("keyVaultProperties.") + f.name + " is not a string";
      return ref;
    }
    if (is_expression(v->as_string())) {
      ref.state = TemplateKeyReference::State::Unknown;
      ref.offset = v->offset();
      ref.detail = v->as_string();
      return ref;
    }
    *f.out = unescape(v->as_string());
  }
  ref.state = TemplateKeyReference::State::Literal;
  return ref;
}

// Visits a template's resources: its `resources` (array, or object of symbolic names for
// languageVersion 2.0), child resources, and inline templates of nested deployments.
void collect(const Value& resources, std::vector<TemplateKeyReference>& out, int depth) {
  if (depth > 16) return;  // nesting deeper than any real template; keeps recursion bounded
  auto visit = [&](const Value& r) {
    if (!r.is_object()) return;
    const Value* type = r.find("type");
    if (type && type->is_string()) {
      if (json::iequals(type->as_string(), "Microsoft.CognitiveServices/accounts")) {
        out.push_back(inspect_account(r));
      } else if (json::iequals(type->as_string(), "Microsoft.Resources/deployments")) {
        const Value* props = r.find("properties");
        const Value* nested = props && props->is_object() ? props->find("template") : nullptr;
        if (nested && nested->is_object()) {
          if (const Value* inner = nested->find("resources")) collect(*inner, out, depth + 1);
        }
      }
    }
    if (const Value* children = r.find("resources")) collect(*children, out, depth + 1);
  };
  if (resources.is_array()) {
    for (const auto& r : resources.items()) visit(r);
  } else if (resources.is_object()) {
    for (const auto& m : resources.members()) visit(m.value);
  }
}
}  // namespace

std::vector<TemplateKeyReference> find_key_references(const json::Value& root) {
  std::vector<TemplateKeyReference> out;
  if (!root.is_object()) return out;
  if (const Value* resources = root.find("resources")) collect(*resources, out, 0);
  return out;
}

}  // namespace cmk::crypto
