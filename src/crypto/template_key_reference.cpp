#include "crypto/template_key_reference.hpp"

namespace cmk::crypto {

namespace {
using json::Value;

// "[...]" is an ARM expression; "[[..." is an escaped literal that starts with '['.
bool is_expression(const std::string& s) {
  return s.size() >= 2 && s.front() == '[' && s[1] != '[' && s.back() == ']';
}

std::string unescape(const std::string& s) { return s.starts_with("[[") ? s.substr(1) : s; }

TemplateKeyReference inspect_account(const Value& resource) {
  TemplateKeyReference ref;
  ref.offset = resource.offset();
  if (const Value* name = resource.find("name"); name && name->is_string())
    ref.account = name->as_string();
  const Value* props = resource.find("properties");
  const Value* encryption = props && props->is_object() ? props->find("encryption") : nullptr;
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
}  // namespace

std::vector<TemplateKeyReference> find_key_references(const json::Value& root) {
  std::vector<TemplateKeyReference> out;
  if (!root.is_object()) return out;
  const Value* resources = root.find("resources");
  if (!resources) return out;
  auto visit = [&](const Value& r) {
    const Value* type = r.is_object() ? r.find("type") : nullptr;
    if (type && type->is_string() &&
        json::iequals(type->as_string(), "Microsoft.CognitiveServices/accounts")) {
      out.push_back(inspect_account(r));
    }
  };
  if (resources->is_array()) {
    for (const auto& r : resources->items()) visit(r);
  } else if (resources->is_object()) {
    for (const auto& m : resources->members()) visit(m.value);
  }
  return out;
}

}  // namespace cmk::crypto
