#include "verify/template_key_reference.hpp"

#include <initializer_list>

namespace cmk::verify {

namespace {
using json::Value;
using State = TemplateKeyReference::State;

struct Lookup {
  const Value* value = nullptr;  // null when absent or JSON null
  uint32_t offset = 0;           // the value, or its nearest existing parent
  std::string path;              // e.g. properties.encryption
};

// Follows `steps` through the evaluated body and, alongside, through the declaration as written.
// The location comes from the declaration: an evaluated value can carry offsets from wherever it
// was computed (a variable, a parameters file), while the declaration's deepest node on the path
// is always in this file and is what the user edits: the property itself, or the expression that
// produced it.
Lookup lookup(const arm::Resource& resource, std::initializer_list<const char*> steps) {
  Lookup out;
  out.offset = resource.offset == json::kNoOffset ? 0 : resource.offset;
  const Value* value = &resource.body;
  const Value* raw = resource.raw;
  for (const char* step : steps) {
    out.path += out.path.empty() ? step : std::string(".") + step;
    value = value && value->is_object() ? value->find(step) : nullptr;
    raw = raw && raw->is_object() ? raw->find(step) : nullptr;
    if (raw && raw->offset() != json::kNoOffset) out.offset = raw->offset();
  }
  out.value = value && !value->is_null() ? value : nullptr;
  return out;
}

class Resolver {
 public:
  Resolver(TemplateKeyReference& ref, const arm::Resource& resource)
      : ref_(ref), resource_(resource) {}

  Lookup at(std::initializer_list<const char*> steps) {
    Lookup l = lookup(resource_, steps);
    ref_.offset = l.offset;
    ref_.path = l.path;
    return l;
  }

  // Marks the reference unknown when the value is not knowable before deployment.
  bool unknown(const Lookup& l) {
    if (!l.value) return false;
    if (l.value->is_unknown()) {
      set(State::Unknown, l.value->unknown_info().reason, l.value->unknown_info().expression);
      return true;
    }
    if (l.value->is_symbolic()) {
      const std::string& name = l.value->symbolic_info().name;
      set(State::Unknown, "depends on deployment-context value " + name, name);
      return true;
    }
    return false;
  }

  void missing(std::string detail) { set(State::Missing, std::move(detail), {}); }

 private:
  void set(State state, std::string detail, std::string expression) {
    ref_.state = state;
    ref_.detail = std::move(detail);
    ref_.expression = std::move(expression);
  }

  TemplateKeyReference& ref_;
  const arm::Resource& resource_;
};

void resolve(TemplateKeyReference& ref, const arm::Resource& resource) {
  Resolver r(ref, resource);
  const Lookup props = r.at({"properties"});
  if (r.unknown(props)) return;
  const Lookup encryption = r.at({"properties", "encryption"});
  if (r.unknown(encryption)) return;
  if (!encryption.value || !encryption.value->is_object()) {
    r.missing(encryption.path +
              (encryption.value ? " is not an object" : " is not set (Microsoft-managed keys)"));
    return;
  }
  const Lookup source = r.at({"properties", "encryption", "keySource"});
  if (r.unknown(source)) return;
  if (!source.value || !source.value->is_string()) {
    // Azure's default key source is Microsoft.CognitiveServices.
    r.missing(source.path + " is not set (Microsoft-managed keys)");
    return;
  }
  if (!json::iequals(source.value->as_string(), "Microsoft.KeyVault")) {
    r.missing(source.path + " is '" + source.value->as_string() + "', not Microsoft.KeyVault");
    return;
  }
  const Lookup kvp = r.at({"properties", "encryption", "keyVaultProperties"});
  if (r.unknown(kvp)) return;
  if (!kvp.value || !kvp.value->is_object()) {
    r.missing(kvp.path + (kvp.value ? " is not an object" : " is not set"));
    return;
  }
  struct Field {
    const char* name;
    std::string* out;
    bool required;
  };
  const Field fields[] = {{"keyVaultUri", &ref.key_vault_uri, true},
                          {"keyName", &ref.key_name, true},
                          {"keyVersion", &ref.key_version, false}};
  for (const Field& f : fields) {
    const Lookup v = r.at({"properties", "encryption", "keyVaultProperties", f.name});
    if (r.unknown(v)) return;
    if (!v.value || (v.value->is_string() && v.value->as_string().empty())) {
      if (!f.required) continue;  // no keyVersion: the latest version (auto-rotation)
      r.missing(v.path + " is not set");
      return;
    }
    if (!v.value->is_string()) {
      r.missing(v.path + " has a " + json::kind_name(v.value->kind()) + " value, not a string");
      return;
    }
    *f.out = v.value->as_string();
  }
  // All three fields together decide, so a resolved reference points at keyVaultProperties.
  r.at({"properties", "encryption", "keyVaultProperties"});
  ref.state = State::Resolved;
}

TemplateKeyReference inspect_account(const arm::Resource& resource) {
  TemplateKeyReference ref;
  ref.source = resource.source;
  ref.type = resource.type;
  ref.name = resource.name;
  ref.evaluated_name = resource.evaluated_name;
  ref.account = resource.display_name();
  ref.resource_offset = resource.offset == json::kNoOffset ? 0 : resource.offset;
  ref.deployment_path = resource.deployment_path;
  ref.condition = resource.conditional;
  resolve(ref, resource);
  return ref;
}
}  // namespace

std::vector<TemplateKeyReference> find_key_references(const arm::Model& model) {
  std::vector<TemplateKeyReference> out;
  for (const arm::Resource& r : model.resources) {
    if (r.existing || !json::iequals(r.type, "Microsoft.CognitiveServices/accounts")) continue;
    out.push_back(inspect_account(r));
  }
  return out;
}

}  // namespace cmk::verify
