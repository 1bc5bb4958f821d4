#include "crypto/vault_json.hpp"

#include <openssl/crypto.h>

#include <algorithm>

#include "crypto/atomic_file.hpp"
#include "crypto/key_id.hpp"
#include "json/reader.hpp"
#include "json/value.hpp"

namespace cmk::crypto {

namespace {
using json::Value;

struct Obj {
  json::Object members;
  Obj& add(std::string key, Value v) {
    members.push_back({std::move(key), json::kNoOffset, std::move(v)});
    return *this;
  }
  std::string text() const { return json::to_json(Value::object(members)) + "\n"; }
};

Value str(std::string s) { return Value::string(std::move(s)); }

Value strings(const std::vector<std::string>& list) {
  json::Array items;
  for (const auto& s : list) items.push_back(str(s));
  return Value::array(std::move(items));
}

Error bad(const std::string& path, const std::string& what) {
  return make_error(ErrorCode::Format, path + ": " + what);
}

Result<Value> load(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  auto parsed = json::parse(json::SourceText(path, std::move(*text)));
  if (!parsed.root) {
    return bad(path, parsed.diagnostics.empty() ? "not JSON" : parsed.diagnostics.front().message);
  }
  if (!parsed.root->is_object()) return bad(path, "expected an object");
  return std::move(*parsed.root);
}

// Typed member access; the message names the member.
Result<std::string> get_string(const Value& obj, std::string_view key, const std::string& path) {
  const Value* v = obj.find(key);
  if (!v || !v->is_string()) return bad(path, "missing string \"" + std::string(key) + "\"");
  return v->as_string();
}
Result<int64_t> get_int(const Value& obj, std::string_view key, const std::string& path) {
  const Value* v = obj.find(key);
  if (!v || !v->is_int()) return bad(path, "missing integer \"" + std::string(key) + "\"");
  return v->as_int();
}
Result<bool> get_bool(const Value& obj, std::string_view key, const std::string& path) {
  const Value* v = obj.find(key);
  if (!v || !v->is_bool()) return bad(path, "missing boolean \"" + std::string(key) + "\"");
  return v->as_bool();
}
Result<Bytes> get_b64(const Value& obj, std::string_view key, const std::string& path) {
  auto s = get_string(obj, key, path);
  if (!s) return s.error();
  auto b = from_base64url(*s);
  if (!b) return bad(path, "\"" + std::string(key) + "\" is not base64url");
  return std::move(*b);
}
Result<SecretBytes> get_secret(const Value& obj, std::string_view key, const std::string& path) {
  auto b = get_b64(obj, key, path);
  if (!b) return b.error();
  SecretBytes s{ByteView(*b)};
  OPENSSL_cleanse(b->data(), b->size());
  return s;
}
}  // namespace

std::string vault_properties_json(const VaultProperties& p) {
  return Obj()
      .add("name", str(p.name))
      .add("vaultUri", str("https://" + p.name + ".vault.azure.net/"))
      .add("enableSoftDelete", Value::boolean(p.soft_delete))
      .add("softDeleteRetentionInDays", Value::integer(p.retention_days))
      .add("enablePurgeProtection", Value::boolean(p.purge_protection))
      .text();
}

Result<VaultProperties> read_vault_properties(const std::string& path) {
  auto v = load(path);
  if (!v) return v.error();
  VaultProperties p;
  auto name = get_string(*v, "name", path);
  auto soft = get_bool(*v, "enableSoftDelete", path);
  auto days = get_int(*v, "softDeleteRetentionInDays", path);
  auto purge = get_bool(*v, "enablePurgeProtection", path);
  if (!name) return name.error();
  if (!soft) return soft.error();
  if (!days) return days.error();
  if (!purge) return purge.error();
  // As strict as `vault create`: a tampered retention (-5) would let the next open purge
  // soft-deleted keys at once, purge protection or not.
  if (!valid_vault_name(*name)) return bad(path, "invalid vault name '" + *name + "'");
  if (*days < 7 || *days > 90) {
    return bad(path,
               "softDeleteRetentionInDays is " + std::to_string(*days) + ", not between 7 and 90");
  }
  if (*purge && !*soft) return bad(path, "purge protection is on but soft delete is off");
  p.name = *name;
  p.soft_delete = *soft;
  p.retention_days = static_cast<int>(*days);
  p.purge_protection = *purge;
  return p;
}

std::string service_key_json(const std::string& kid, const SecretBytes& key) {
  return Obj()
      .add("kty", str("oct"))
      .add("kid", str(kid))
      .add("alg", str("A256KWP"))
      .add("k", str(to_base64url(key.expose_secret())))
      .text();
}

Result<ServiceKeyFile> read_service_key(const std::string& path) {
  auto v = load(path);
  if (!v) return v.error();
  auto kid = get_string(*v, "kid", path);
  if (!kid) return kid.error();
  auto k = get_secret(*v, "k", path);
  if (!k) return k.error();
  if (k->size() != 32) return bad(path, "the service key must be 32 bytes");
  return ServiceKeyFile{*kid, std::move(*k)};
}

Result<std::string> key_version_json(const KeyVersionInfo& info, const RsaKey& key,
                                     const std::string& recovery_level) {
  auto c = key.components();
  if (!c) return c.error();
  Obj jwk;
  jwk.add("kty", str("RSA")).add("kid", str(info.kid)).add("key_ops", strings(info.key_ops));
  jwk.add("n", str(to_base64url(c->n))).add("e", str(to_base64url(c->e)));
  const std::pair<const char*, const std::optional<SecretBytes>*> priv[] = {
      {"d", &c->d}, {"p", &c->p}, {"q", &c->q}, {"dp", &c->dp}, {"dq", &c->dq}, {"qi", &c->qi}};
  for (const auto& [name, value] : priv) {
    if (*value) jwk.add(name, str(to_base64url((*value)->expose_secret())));
  }
  Obj attrs;
  attrs.add("enabled", Value::boolean(info.attributes.enabled));
  if (info.attributes.not_before) attrs.add("nbf", Value::integer(*info.attributes.not_before));
  if (info.attributes.expires) attrs.add("exp", Value::integer(*info.attributes.expires));
  attrs.add("created", Value::integer(info.attributes.created));
  attrs.add("updated", Value::integer(info.attributes.updated));
  attrs.add("recoveryLevel", str(recovery_level));
  return Obj()
      .add("key", Value::object(jwk.members))
      .add("attributes", Value::object(attrs.members))
      .text();
}

Result<KeyVersionInfo> read_key_version(const std::string& path, std::optional<RsaKey>* key_out) {
  auto v = load(path);
  if (!v) return v.error();
  const Value* jwk = v->find("key");
  const Value* attrs = v->find("attributes");
  if (!jwk || !jwk->is_object() || !attrs || !attrs->is_object()) {
    return bad(path, "expected \"key\" and \"attributes\" objects");
  }
  KeyVersionInfo info;
  auto kty = get_string(*jwk, "kty", path);
  if (!kty || *kty != "RSA") return bad(path, "only RSA keys are supported");
  auto n = get_b64(*jwk, "n", path);
  if (!n) return n.error();
  if (n->empty()) return bad(path, "empty modulus");
  // Exact modulus bit length, for the 2048/3072/4096 check.
  int lead = 0;
  for (uint8_t b = (*n)[0]; b; b >>= 1) ++lead;
  info.bits = static_cast<int>((n->size() - 1) * 8) + lead;
  if (info.bits != 2048 && info.bits != 3072 && info.bits != 4096) {
    return bad(path,
               "the modulus has " + std::to_string(info.bits) + " bits, not 2048, 3072 or 4096");
  }
  if (const Value* ops = jwk->find("key_ops"); ops && ops->is_array()) {
    const std::vector<std::string> known = default_key_ops();
    for (const auto& op : ops->items()) {
      if (!op.is_string() || std::find(known.begin(), known.end(), op.as_string()) == known.end()) {
        return bad(path, "key_ops holds an unknown operation");
      }
      info.key_ops.push_back(op.as_string());
    }
  }
  auto enabled = get_bool(*attrs, "enabled", path);
  if (!enabled) return enabled.error();
  info.attributes.enabled = *enabled;
  if (const Value* nbf = attrs->find("nbf"); nbf && nbf->is_int())
    info.attributes.not_before = nbf->as_int();
  if (const Value* exp = attrs->find("exp"); exp && exp->is_int())
    info.attributes.expires = exp->as_int();
  if (auto created = get_int(*attrs, "created", path)) info.attributes.created = *created;
  if (auto updated = get_int(*attrs, "updated", path)) info.attributes.updated = *updated;
  if (key_out) {
    RsaComponents c;
    c.n = std::move(*n);
    auto e = get_b64(*jwk, "e", path);
    if (!e) return e.error();
    c.e = std::move(*e);
    const std::pair<const char*, std::optional<SecretBytes>*> priv[] = {
        {"d", &c.d}, {"p", &c.p}, {"q", &c.q}, {"dp", &c.dp}, {"dq", &c.dq}, {"qi", &c.qi}};
    for (const auto& [name, slot] : priv) {
      if (jwk->find(name)) {
        auto s = get_secret(*jwk, name, path);
        if (!s) return s.error();
        *slot = std::move(*s);
      }
    }
    auto key = RsaKey::from_components(c);
    if (!key) return bad(path, key.error().message);
    *key_out = std::move(*key);
  }
  return info;
}

bool valid_version(std::string_view version) {
  if (version.empty() || version.size() > 64) return false;
  return std::all_of(version.begin(), version.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

std::string version_list_json(const std::vector<std::string>& versions) {
  return Obj().add("versions", strings(versions)).text();
}

Result<std::vector<std::string>> read_version_list(const std::string& path) {
  auto v = load(path);
  if (!v) return v.error();
  const Value* list = v->find("versions");
  if (!list || !list->is_array()) return bad(path, "missing \"versions\" array");
  std::vector<std::string> out;
  for (const auto& item : list->items()) {
    if (!item.is_string()) return bad(path, "versions must be strings");
    // A version names a file in the key's folder: "../../x" would load a key from elsewhere.
    if (!valid_version(item.as_string())) {
      return bad(path, "invalid version '" + item.as_string() + "' (1-64 letters and digits)");
    }
    if (std::find(out.begin(), out.end(), item.as_string()) != out.end()) {
      return bad(path, "version " + item.as_string() + " is listed twice");
    }
    out.push_back(item.as_string());
  }
  return out;
}

std::string deleted_info_json(const DeletedInfo& d) {
  return Obj()
      .add("deletedDate", Value::integer(d.deleted_on))
      .add("scheduledPurgeDate", Value::integer(d.scheduled_purge))
      .text();
}

Result<DeletedInfo> read_deleted_info(const std::string& path) {
  auto v = load(path);
  if (!v) return v.error();
  auto deleted = get_int(*v, "deletedDate", path);
  auto purge = get_int(*v, "scheduledPurgeDate", path);
  if (!deleted) return deleted.error();
  if (!purge) return purge.error();
  // The purge date is the deletion date plus 7-90 days of retention; anything else (0, say)
  // would purge a key early, purge protection or not.
  constexpr int64_t kDay = 86400;
  if (*deleted <= 0 || *purge < *deleted + 7 * kDay || *purge > *deleted + 90 * kDay) {
    return bad(path, "scheduledPurgeDate is not 7-90 days after deletedDate");
  }
  return DeletedInfo{*deleted, *purge};
}

}  // namespace cmk::crypto
