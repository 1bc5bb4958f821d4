#include "rules/cmk_links.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "arm/expr/symbolic_text.hpp"
#include "arm/expr/values.hpp"
#include "arm/model_resolver.hpp"
#include "rules/builtin_roles.hpp"
#include "rules/condition_eval.hpp"

namespace cmk::rules {

namespace {

using json::Value;

constexpr std::string_view kVaultType = "Microsoft.KeyVault/vaults";
constexpr std::string_view kKeyType = "Microsoft.KeyVault/vaults/keys";

// ---- three-valued facts -------------------------------------------------------------------

struct Tri {
  Truth truth = Truth::Unknown;
  std::string why;  // for Unknown (and, where useful, False)
};

Tri yes() { return {Truth::True, {}}; }
Tri no(std::string why = {}) { return {Truth::False, std::move(why)}; }
Tri maybe(std::string why) { return {Truth::Unknown, std::move(why)}; }

Tri all_of(const Tri& a, const Tri& b) {
  if (a.truth == Truth::False) return a;
  if (b.truth == Truth::False) return b;
  if (a.truth == Truth::Unknown) return a;
  return b;
}

Tri any_of(const Tri& a, const Tri& b) {
  if (a.truth == Truth::True) return a;
  if (b.truth == Truth::True) return b;
  if (a.truth == Truth::Unknown) return a;
  if (b.truth == Truth::False && !a.why.empty()) return a;  // keep the explanation
  return b;
}

// any_of for a grant that reaches the identity but is refused: its reason (the role lacks the
// action, the policy is compound) says more than the general "none grants it", so a False `b`
// replaces a False `a` when `b_reaches`.
Tri any_of_reaching(const Tri& a, const Tri& b, bool b_reaches) {
  if (b_reaches && a.truth == Truth::False && b.truth == Truth::False) return b;
  return any_of(a, b);
}

Value as_value(const Tri& t, uint32_t offset) {
  if (t.truth == Truth::Unknown) return Value::unknown(t.why, {}, offset);
  return Value::boolean(t.truth == Truth::True, offset);
}

std::string describe(const Value& v) {
  if (v.is_string()) return "'" + v.as_string() + "'";
  if (v.is_symbolic()) return "[" + v.symbolic_info().name + "]";
  if (v.is_unknown()) {
    return v.unknown_info().expression.empty() ? "(not known)" : v.unknown_info().expression;
  }
  return json::to_json(v);
}

std::string unknown_why(const Value& v, const std::string& what) {
  std::string why = what + " is not known before deployment";
  if (v.is_unknown()) {
    if (!v.unknown_info().reason.empty()) why += ": " + v.unknown_info().reason;
    if (!v.unknown_info().expression.empty()) why += " (" + v.unknown_info().expression + ")";
  }
  return why;
}

// ---- text with symbolic parts ---------------------------------------------------------------

std::vector<arm::expr::SymbolicPart> parts_of(const Value& v) {
  if (v.is_string()) return {{false, v.as_string()}};
  if (!v.is_symbolic()) return {};
  if (auto parts = arm::expr::composite_parts(v.symbolic_info().name)) return *parts;
  return {{true, v.symbolic_info().name}};
}

Value from_parts(const std::vector<arm::expr::SymbolicPart>& parts) {
  arm::expr::TextBuilder text;
  for (const arm::expr::SymbolicPart& p : parts) {
    if (p.symbolic) {
      text.add(Value::symbolic(p.text));
    } else {
      text.add_text(p.text);
    }
  }
  return text.finish();
}

// A resource ID, name or scope split at '/', where that is provable: a symbolic piece that may
// itself hold a '/' leaves it unsplit (empty). Empty for values that are neither strings nor
// symbolic.
std::vector<Value> segments(const Value& v) {
  const auto text = arm::expr::SymbolicText::of(v);
  if (!text) return {};
  auto parts = text->split({"/"});
  return parts ? std::move(*parts) : std::vector<Value>{};
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && json::iequals(s.substr(0, prefix.size()), prefix);
}

// Whether two names, IDs or principals are the same (Azure compares them without case). Symbolic
// values are equal when they are the same computation; values Azure generates per resource
// (unique) differ from each other; texts whose literal pieces cannot line up differ.
Tri same(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return maybe("a name or ID is not known");
  if (a.is_unknown()) return maybe(unknown_why(a, describe(a)));
  if (b.is_unknown()) return maybe(unknown_why(b, describe(b)));
  if (a.is_string() && b.is_string())
    return json::iequals(a.as_string(), b.as_string()) ? yes() : no();
  if (!(a.is_string() || a.is_symbolic()) || !(b.is_string() || b.is_symbolic())) {
    return a == b ? yes() : no();
  }
  const std::string undecided = describe(a) + " and " + describe(b) +
                                " are known only at deployment, so whether they are equal is not";
  if (a.is_symbolic() && b.is_symbolic()) {
    if (json::iequals(a.symbolic_info().name, b.symbolic_info().name)) return yes();
    if (a.symbolic_info().unique && b.symbolic_info().unique) return no();
  }
  if ((a.is_symbolic() && a.symbolic_info().unique) ||
      (b.is_symbolic() && b.symbolic_info().unique)) {
    return maybe(undecided);
  }
  // Literal text the two cannot share proves them different (names compare without case).
  const auto lower = [](const Value& v) {
    return arm::expr::SymbolicText::of(v)->change_case(false);
  };
  return lower(a).equals(lower(b)) == arm::expr::Tri::False ? no() : maybe(undecided);
}

const Value* at(const Value* v, std::initializer_list<std::string_view> path) {
  for (std::string_view key : path) {
    if (!v || !v->is_object()) return nullptr;
    v = v->find(key);
  }
  return v;
}

bool present(const Value* v) {
  return v && !v->is_null() && !(v->is_string() && v->as_string().empty());
}

// Booleans as resource providers read them: true, or "true" in any case.
std::optional<bool> as_bool(const Value& v) {
  if (v.is_bool()) return v.as_bool();
  if (v.is_string() && json::iequals(v.as_string(), "true")) return true;
  if (v.is_string() && json::iequals(v.as_string(), "false")) return false;
  return std::nullopt;
}

bool declared_here(const arm::Resource& r) { return !r.existing && !r.live; }

}  // namespace

std::vector<const arm::Resource*> InView::in_order(
    std::span<const arm::Resource* const> own, std::span<const arm::Resource* const> estate) const {
  std::vector<const arm::Resource*> out(own.begin(), own.end());
  for (const arm::Resource* r : estate) {
    if (r->source->path() != account_.source->path()) out.push_back(r);
  }
  return out;
}

std::vector<const arm::Resource*> InView::of(std::string_view type) const {
  return in_order(model_.of(type),
                  estate_ ? estate_->by_type().of(type) : std::span<const arm::Resource* const>());
}

std::vector<const arm::Resource*> InView::identities_with_id(const json::Value& id) const {
  return in_order(model_.identities_with_id(id), estate_ ? estate_->by_type().identities_with_id(id)
                                                         : std::span<const arm::Resource* const>());
}

std::vector<const arm::Resource*> InView::vaults_for(std::string_view name,
                                                     std::string_view uri) const {
  std::vector<const arm::Resource*> own = model_.vaults_for(name, uri);
  if (!estate_) return own;
  return in_order(own, estate_->by_type().vaults_for(name, uri));
}

namespace {

// ---- key permissions --------------------------------------------------------------------------

// The key permissions customer-managed keys need: access-policy names and RBAC data actions.
struct Permission {
  const char* policy;
  const char* data_action;
};
constexpr std::array<Permission, 3> kNeeded = {{
    {"get", "Microsoft.KeyVault/vaults/keys/read"},
    {"wrapKey", "Microsoft.KeyVault/vaults/keys/wrap/action"},
    {"unwrapKey", "Microsoft.KeyVault/vaults/keys/unwrap/action"},
}};

using Grants = std::array<Tri, 3>;

Grants none_granted(const std::string& why) { return {no(why), no(why), no(why)}; }

// What a custom role declared in the scanned files grants, from its permissions' dataActions and
// notDataActions.
Grants custom_role_grants(const Value& role, const std::string& label) {
  Grants g = none_granted("role " + label + " has no data action for it");
  const Value* perms = at(&role, {"properties", "permissions"});
  if (!perms || !perms->is_array()) {
    const Tri unknown = maybe("the permissions of role " + label + " are not known");
    return {unknown, unknown, unknown};
  }
  for (size_t i = 0; i < kNeeded.size(); ++i) {
    for (const Value& p : perms->items()) {
      const Value* allow = p.find("dataActions");
      const Value* deny = p.find("notDataActions");
      bool granted = false, denied = false, unknown = false;
      auto scan = [&](const Value* list, bool& hit) {
        if (!list) return;
        if (!list->is_array()) {
          unknown = true;
          return;
        }
        for (const Value& a : list->items()) {
          if (!a.is_string()) {
            unknown = true;
          } else if (action_matches(a.as_string(), kNeeded[i].data_action)) {
            hit = true;
          }
        }
      };
      scan(allow, granted);
      scan(deny, denied);
      if (unknown) {
        g[i] = any_of(g[i], maybe("the data actions of role " + label + " are not known"));
      } else if (granted && !denied) {
        g[i] = yes();
      }
    }
  }
  return g;
}

// ---- scopes -------------------------------------------------------------------------------------

// A resource ID or role assignment scope taken apart: subscription and resource group where
// written, then the provider path (namespace, type, name, type, name, ...).
struct Scope {
  std::optional<Value> subscription, resource_group;
  std::vector<Value> provider;
  bool root = false;        // "/": the tenant root
  bool management = false;  // a management group: not followed
  bool valid = true;
};

bool is_word(const Value& v, std::string_view word) {
  return v.is_string() && json::iequals(v.as_string(), word);
}

Scope parse_scope(const Value& v) {
  Scope s;
  std::vector<Value> segs = segments(v);
  if (segs.empty()) {
    s.valid = false;
    return s;
  }
  const bool absolute = segs.front().is_string() && segs.front().as_string().empty();
  if (!absolute) {
    s.provider = std::move(segs);  // "Microsoft.KeyVault/vaults/name" as Bicep writes scopes
    return s;
  }
  size_t i = 1;
  if (segs.size() == 2 && segs[1].is_string() && segs[1].as_string().empty()) {
    s.root = true;
    return s;
  }
  if (i + 1 < segs.size() && is_word(segs[i], "subscriptions")) {
    s.subscription = segs[i + 1];
    i += 2;
  }
  if (i + 1 < segs.size() && is_word(segs[i], "resourceGroups")) {
    s.resource_group = segs[i + 1];
    i += 2;
  }
  if (i < segs.size() && is_word(segs[i], "providers")) {
    s.provider.assign(segs.begin() + static_cast<std::ptrdiff_t>(i) + 1, segs.end());
    if (!s.provider.empty() && is_word(s.provider.front(), "Microsoft.Management")) {
      s.management = true;
    }
    return s;
  }
  if (i != segs.size()) s.valid = false;
  return s;
}

}  // namespace

bool is_link_name(std::string_view name) {
  return std::find(std::begin(kLinkNames), std::end(kLinkNames), name) != std::end(kLinkNames);
}

CmkLinks::CmkLinks(const arm::Resource& account, const TypeIndex& model, const Estate* estate)
    : account_(account), in_view_(account, model, estate) {
  resolve_vault();
  resolve_key();
  resolve_identity();
  resolve_key_access();
  resolve_creation();
}

const Link* CmkLinks::find(std::string_view name) const {
  if (name == "vault") return &vault_;
  if (name == "key") return &key_;
  if (name == "identity") return &identity_;
  if (name == "keyAccess") return &key_access_;
  if (name == "creation") return &creation_;
  return nullptr;
}

namespace {

const Value* key_vault_properties(const arm::Resource& account) {
  return at(&account.body, {"properties", "encryption", "keyVaultProperties"});
}

constexpr const char* kUriPath = "properties.encryption.keyVaultProperties.keyVaultUri";
constexpr const char* kKeyNamePath = "properties.encryption.keyVaultProperties.keyName";
constexpr const char* kClientIdPath = "properties.encryption.keyVaultProperties.identityClientId";

void decide_at(Link& link, const std::string& path, const Value* value, uint32_t fallback) {
  link.decided_path = path;
  link.decided_offset = value && value->offset() != json::kNoOffset ? value->offset() : fallback;
  if (value) link.decided_value = *value;
}

void found(Link& link, const arm::Resource& r, const Value* body = nullptr) {
  link.state = LinkState::Found;
  link.resource = &r;
  link.body = body ? body : &r.body;
  link.api_version = r.api_version;
}

// The vault name a key vault URI carries: the host's first label (https://NAME.vault.azure.net/),
// possibly symbolic; null when the URI has no such form.
Value vault_name_of(const Value& uri) {
  auto parts = parts_of(uri);
  if (parts.empty() || parts.front().symbolic || !starts_with_ci(parts.front().text, "https://")) {
    return Value::null();
  }
  parts.front().text.erase(0, 8);
  std::vector<arm::expr::SymbolicPart> host;
  for (const arm::expr::SymbolicPart& p : parts) {
    if (p.symbolic) {
      host.push_back(p);
      continue;
    }
    const size_t dot = p.text.find_first_of("./");
    if (dot == std::string::npos) {
      host.push_back(p);
      continue;
    }
    if (dot > 0) host.push_back({false, p.text.substr(0, dot)});
    return host.empty() ? Value::null() : from_parts(host);
  }
  return Value::null();
}

// Whether a key URI's host is a Managed HSM pool (https://NAME.managedhsm.azure.net/, and the
// sovereign clouds' managedhsm domains) rather than a vault.
bool names_managed_hsm(const Value& uri) {
  for (const arm::expr::SymbolicPart& p : parts_of(uri)) {
    if (!p.symbolic && json::to_lower(p.text).find(".managedhsm.") != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace

void CmkLinks::resolve_vault() {
  const Value* kvp = key_vault_properties(account_);
  const Value* uri = kvp ? kvp->find("keyVaultUri") : nullptr;
  decide_at(vault_, kUriPath, uri, account_.offset);
  if (!present(uri)) {
    vault_.state = LinkState::Absent;
    vault_.reason = "keyVaultUri is not set";
    return;
  }
  if (uri->is_unknown()) {
    vault_.reason = "which key vault is not known: " + unknown_why(*uri, "keyVaultUri");
    return;
  }
  const Value name = vault_name_of(*uri);
  const arm::Resource* best = nullptr;
  std::string undecided;
  // With a literal URI and name, only the vaults that have them, or might, need a look.
  const std::vector<const arm::Resource*> candidates =
      name.is_string() && uri->is_string() ? in_view_.vaults_for(name.as_string(), uri->as_string())
                                           : in_view_.of(kVaultType);
  for (const arm::Resource* cand_ptr : candidates) {
    const arm::Resource& cand = *cand_ptr;
    const Value* cand_name = cand.body.find("name");
    Tri m = name.is_null() || !cand_name ? maybe("the vault's name is not known")
                                         : same(*cand_name, name);
    if (m.truth != Truth::True) {
      const Value* cand_uri = at(&cand.body, {"properties", "vaultUri"});
      if (cand_uri && cand_uri->is_string() && uri->is_string()) {
        if (json::iequals(trimmed_uri(cand_uri->as_string()), trimmed_uri(uri->as_string()))) {
          m = yes();
        }
      } else if (cand_uri) {
        m = any_of(m, same(*cand_uri, *uri));
      }
    }
    if (m.truth == Truth::True) {
      // A vault deployed here says more than one that is only referenced.
      if (!best || (!declared_here(*best) && declared_here(cand))) best = &cand;
      continue;
    }
    if (m.truth == Truth::Unknown && undecided.empty()) {
      undecided = "whether key vault '" + cand.display_name() +
                  "' is the one keyVaultUri names is not known: " + m.why;
    }
  }
  if (best && best->existing) {
    // Referenced, not deployed here: its settings are in no scanned file. Keys and grants
    // declared for it here still count.
    referenced_vault_ = best;
    vault_.reason = "the key vault '" + best->display_name() +
                    "' is referenced as existing: its settings are in no scanned file";
    return;
  }
  if (best) {
    found(vault_, *best);
    referenced_vault_ = best;
    return;
  }
  if (!undecided.empty()) {
    vault_.reason = undecided;
    return;
  }
  // Not provably absent: the vault exists somewhere, only not in the files scanned.
  const std::string label =
      name.is_string() ? "'" + name.as_string() + "' (" + describe(*uri) + ")" : describe(*uri);
  if (names_managed_hsm(*uri)) {
    vault_.reason = "keyVaultUri names the Managed HSM " + label +
                    ", not a key vault: these checks judge key vaults only (a Managed HSM grants "
                    "its keys through local RBAC on its data plane, which no template or resource "
                    "export holds)";
    return;
  }
  // Not in any scanned template or export: deployed by something not scanned.
  vault_.reason = "the key vault " + label +
                  " is in none of the scanned files (templates or live exports): scan the template "
                  "that deploys it with this one, or an export of it (az keyvault show)";
}

void CmkLinks::resolve_key() {
  const Value* kvp = key_vault_properties(account_);
  const Value* key_name = kvp ? kvp->find("keyName") : nullptr;
  decide_at(key_, kKeyNamePath, key_name, account_.offset);
  if (!referenced_vault_) {
    key_.state = vault_.state;
    key_.reason = vault_.state == LinkState::Absent
                      ? vault_.reason
                      : "the key's vault is not in view: " + vault_.reason;
    return;
  }
  if (!present(key_name)) {
    key_.state = LinkState::Absent;
    key_.reason = "keyName is not set";
    return;
  }
  if (key_name->is_unknown()) {
    key_.reason = "which key is not known: " + unknown_why(*key_name, "keyName");
    return;
  }
  const Value* vault_name = referenced_vault_->body.find("name");
  std::string undecided;
  for (const arm::Resource* cand_ptr : in_view_.of(kKeyType)) {
    const arm::Resource& cand = *cand_ptr;
    const Value* cand_name = cand.body.find("name");
    const std::vector<Value> segs = cand_name ? segments(*cand_name) : std::vector<Value>{};
    Tri m = segs.size() != 2 || !vault_name
                ? maybe("the key's name is not known")
                : all_of(same(segs[0], *vault_name), same(segs[1], *key_name));
    if (m.truth == Truth::True) {
      found(key_, cand);
      return;
    }
    if (m.truth == Truth::Unknown && undecided.empty()) {
      undecided = "whether key '" + cand.display_name() +
                  "' is the one keyName names is not known: " + m.why;
    }
  }
  if (!undecided.empty()) {
    key_.reason = undecided;
    return;
  }
  const std::string what =
      "key " + describe(*key_name) + " of vault '" + referenced_vault_->display_name() + "'";
  if (declared_here(*referenced_vault_)) {
    key_.state = LinkState::Absent;
    key_.reason = "the template creates the vault but not the " + what;
  } else {
    key_.reason = "the " + what +
                  " is in none of the scanned files (its vault is only referenced or exported)";
  }
}

namespace {

// One identity attached to an account: its resource ID, the identity resource when in view, and
// its client and principal IDs (values Azure assigns, symbolic until deployment).
struct Attached {
  Value id;
  const arm::Resource* resource = nullptr;
  Value client_id = Value::null();
  Value principal_id = Value::null();
};

std::vector<Attached> attached_identities(const arm::Resource& account, const InView& in_view) {
  std::vector<Attached> out;
  const Value* uai = at(&account.body, {"identity", "userAssignedIdentities"});
  if (!uai || !uai->is_object()) return out;
  const Value* raw =
      account.raw ? at(account.raw, {"identity", "userAssignedIdentities"}) : nullptr;
  for (size_t i = 0; i < uai->members().size(); ++i) {
    const json::Member& m = uai->members()[i];
    Attached a;
    const bool expression = m.key.size() > 2 && m.key.front() == '[' && m.key.back() == ']';
    const bool unevaluated = expression && raw && raw->is_object() && i < raw->members().size() &&
                             raw->members()[i].key == m.key;
    if (unevaluated) {
      a.id = Value::unknown("the attached identity's resource ID is not known", m.key);
    } else if (expression) {
      a.id = Value::symbolic(m.key.substr(1, m.key.size() - 2));
    } else {
      a.id = Value::string(m.key);
    }
    if (const Value* c = m.value.find("clientId")) a.client_id = *c;  // live exports
    if (const Value* p = m.value.find("principalId")) a.principal_id = *p;
    if (!a.id.is_unknown()) {
      for (const arm::Resource* r_ptr : in_view.identities_with_id(a.id)) {
        const arm::Resource& r = *r_ptr;
        if (same(r.id, a.id).truth == Truth::True) {
          a.resource = &r;
          break;
        }
      }
      const Value* props = a.resource ? a.resource->body.find("properties") : nullptr;
      // `az identity show` gives clientId and principalId beside id and name, not in properties.
      if (a.resource && (!props || !props->is_object() || !props->find("clientId"))) {
        if (a.resource->body.find("clientId")) props = &a.resource->body;
      }
      std::optional<Value> synthesized;
      if (!props) {
        synthesized = arm::undeclared_identity(a.id);
        if (synthesized) props = synthesized->find("properties");
      }
      if (props && a.client_id.is_null()) {
        if (const Value* c = props->find("clientId")) a.client_id = *c;
      }
      if (props && a.principal_id.is_null()) {
        if (const Value* p = props->find("principalId")) a.principal_id = *p;
      }
    }
    if (a.client_id.is_null()) a.client_id = Value::unknown("its client ID is not known");
    if (a.principal_id.is_null()) a.principal_id = Value::unknown("its principal ID is not known");
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

void CmkLinks::resolve_identity() {
  const Value* identity = account_.body.find("identity");
  const Value* type = identity ? identity->find("type") : nullptr;
  decide_at(identity_, "identity.type", type ? type : identity, account_.offset);
  if (!type || type->is_null()) {
    identity_.state = LinkState::Absent;
    identity_.reason = "the account has no managed identity";
    return;
  }
  if (!type->is_string()) {
    identity_.reason = unknown_why(*type, "identity.type");
    return;
  }
  const std::string t = json::to_lower(type->as_string());
  const bool system = t.find("systemassigned") != std::string::npos;
  const bool user = t.find("userassigned") != std::string::npos;
  if (!system && !user) {
    identity_.state = LinkState::Absent;
    identity_.reason =
        "the account has no managed identity (identity.type is '" + type->as_string() + "')";
    return;
  }
  const Value* kvp = key_vault_properties(account_);
  const Value* client = kvp ? kvp->find("identityClientId") : nullptr;
  auto view = [&](const char* kind, const Value& principal, const Value& client_id,
                  const Value& id) {
    identity_view_ = std::make_unique<Value>(Value::object());
    identity_view_->set("kind", Value::string(kind));
    identity_view_->set("principalId", principal);
    identity_view_->set("clientId", client_id);
    identity_view_->set("resourceId", id);
  };
  if (present(client)) {
    decide_at(identity_, kClientIdPath, client, account_.offset);
    if (!user) {
      identity_.state = LinkState::Absent;
      identity_.reason = "identityClientId names a user-assigned identity, but identity.type is '" +
                         type->as_string() + "'";
      return;
    }
    const std::vector<Attached> attached = attached_identities(account_, in_view_);
    if (attached.empty()) {
      identity_.state = LinkState::Absent;
      identity_.reason = "identityClientId is set but no user-assigned identity is attached";
      return;
    }
    std::string undecided;
    for (const Attached& a : attached) {
      const Tri m = same(*client, a.client_id);
      if (m.truth == Truth::True) {
        view("UserAssigned", a.principal_id, a.client_id, a.id);
        found(identity_, a.resource ? *a.resource : account_, identity_view_.get());
        identity_.api_version.clear();
        return;
      }
      if (m.truth == Truth::Unknown && undecided.empty()) {
        undecided = "whether identityClientId " + describe(*client) +
                    " is the client ID of attached identity " + describe(a.id) +
                    " is not known: " + m.why;
      }
    }
    if (!undecided.empty()) {
      identity_.reason = undecided;
      return;
    }
    identity_.state = LinkState::Absent;
    identity_.reason = "identityClientId " + describe(*client) +
                       " is the client ID of no identity attached to the account";
    return;
  }
  if (!system) {
    decide_at(identity_, kClientIdPath, client, kvp ? kvp->offset() : account_.offset);
    identity_.state = LinkState::Absent;
    identity_.reason =
        "the account has only user-assigned identities and identityClientId does not say which "
        "one reads the key";
    return;
  }
  const Value* principal = identity->find("principalId");
  view("SystemAssigned",
       principal ? *principal : Value::unknown("the system-assigned identity's principal ID"),
       Value::null(), account_.id);
  found(identity_, account_, identity_view_.get());
  identity_.api_version.clear();
}

namespace {

// Whether an access policy entry applies to its objectId acting on its own. An entry that also
// names an applicationId is a compound identity: it applies only when that application calls on
// behalf of the object ("Application ID of the client making request on behalf of a principal",
// AccessPolicyEntry, Microsoft.KeyVault REST API), never to a managed identity calling alone.
Tri acting_alone(const Value& policy) {
  const Value* app = policy.find("applicationId");
  if (!app || app->is_null() || (app->is_string() && app->as_string().empty())) return yes();
  if (app->is_unknown()) return maybe(unknown_why(*app, "the access policy's applicationId"));
  return no("the access policy for the identity names applicationId " + describe(*app) +
            ", so it applies only when that application calls on the identity's behalf");
}

// What the access policies in view grant `principal` on `vault` (inline, and
// Microsoft.KeyVault/vaults/accessPolicies resources of the vault, "remove" ones excepted).
Grants policy_grants(const arm::Resource& vault, const Value& principal, const InView& in_view) {
  Grants g = none_granted("no access policy of vault '" + vault.display_name() +
                          "' grants it to the identity");
  auto consider = [&](const Value* policies) {
    if (!policies) return;
    if (!policies->is_array()) {
      for (Tri& t : g) t = any_of(t, maybe(unknown_why(*policies, "accessPolicies")));
      return;
    }
    for (const Value& policy : policies->items()) {
      const Value* object_id = policy.find("objectId");
      Tri who = object_id ? same(*object_id, principal) : no();
      if (who.truth == Truth::False) continue;
      const Tri alone = acting_alone(policy);
      // Provably the identity's entry, refused only because it is compound.
      const bool compound_for_it = who.truth == Truth::True && alone.truth == Truth::False;
      who = all_of(who, alone);
      const Value* keys = at(&policy, {"permissions", "keys"});
      for (size_t i = 0; i < kNeeded.size(); ++i) {
        Tri has = no();
        if (keys && keys->is_array()) {
          for (const Value& k : keys->items()) {
            if (k.is_string() && (json::iequals(k.as_string(), kNeeded[i].policy) ||
                                  json::iequals(k.as_string(), "all"))) {
              has = yes();
            } else if (!k.is_string() && has.truth != Truth::True) {
              has = maybe(unknown_why(k, "a key permission"));
            }
          }
        } else if (keys && !keys->is_array()) {
          has = maybe(unknown_why(*keys, "the key permissions"));
        }
        const Tri term = all_of(who, has);
        g[i] = any_of_reaching(g[i], term, compound_for_it);
      }
    }
  };
  consider(at(&vault.body, {"properties", "accessPolicies"}));
  const Value* vault_name = vault.body.find("name");
  if (!vault_name) return g;
  for (const arm::Resource* r_ptr : in_view.of("Microsoft.KeyVault/vaults/accessPolicies")) {
    const arm::Resource& r = *r_ptr;
    const Value* name = r.body.find("name");
    const std::vector<Value> segs = name ? segments(*name) : std::vector<Value>{};
    if (segs.size() != 2 || same(segs[0], *vault_name).truth != Truth::True) continue;
    if (is_word(segs[1], "remove")) continue;
    consider(at(&r.body, {"properties", "accessPolicies"}));
  }
  return g;
}

// What one role definition grants, by the GUID at the end of its ID: a built-in role, or a
// custom role defined in the scanned files (its name may be symbolic, e.g. guid(...)).
Grants role_grants(const Value& role_definition_id, const InView& in_view) {
  const std::vector<Value> segs = segments(role_definition_id);
  if (segs.empty()) {
    const std::string why = unknown_why(role_definition_id, "the role definition");
    return {maybe(why), maybe(why), maybe(why)};
  }
  const Value& guid = segs.back();
  if (guid.is_string()) {
    if (const BuiltinRole* r = find_builtin_role(guid.as_string())) {
      Grants g;
      for (size_t i = 0; i < kNeeded.size(); ++i) {
        const bool held = std::any_of(
            r->data_actions.begin(), r->data_actions.end(),
            [&](std::string_view a) { return action_matches(a, kNeeded[i].data_action); });
        g[i] = held ? yes()
                    : no("role '" + std::string(r->name) + "' does not hold the data action " +
                         kNeeded[i].data_action);
      }
      return g;
    }
  }
  for (const arm::Resource* def_ptr : in_view.of("Microsoft.Authorization/roleDefinitions")) {
    const arm::Resource& def = *def_ptr;
    const Value* name = def.body.find("name");
    if (name && same(*name, guid).truth == Truth::True) {
      return custom_role_grants(def.body, "'" + def.display_name() + "'");
    }
  }
  const std::string why =
      guid.is_string()
          ? "role " + guid.as_string() +
                " is neither a built-in Key Vault role nor defined in the scanned files"
          : unknown_why(role_definition_id, "the role definition");
  return {maybe(why), maybe(why), maybe(why)};
}

// Whether a role assignment grants its role without an attribute-based condition (properties
// .condition, Azure ABAC): an assignment with a condition grants only the requests the condition
// admits, and conditions are not evaluated here, so it neither proves nor denies access. Absent,
// null or an empty string is no condition.
Tri unconditioned(const arm::Resource& ra, const Value& props) {
  const Value* condition = props.find("condition");
  if (!condition || condition->is_null()) return yes();
  if (condition->is_string() && condition->as_string().empty()) return yes();
  if (condition->is_unknown()) {
    return maybe(
        unknown_why(*condition, "the condition of role assignment '" + ra.display_name() + "'"));
  }
  return maybe("role assignment '" + ra.display_name() +
               "' grants its role only under the condition " + describe(*condition) +
               ", which is not evaluated");
}

// Whether a role assignment's scope covers the key: the key, its vault, their resource group or
// subscription, or the tenant root.
Tri covers(const Scope& scope, const Scope& vault_id, const Value& vault_name,
           const Value& key_name) {
  if (!scope.valid) return maybe("the role assignment's scope is not a resource ID");
  if (scope.root) return yes();
  if (scope.management) return maybe("a management group scope is not followed");
  Tri t = yes();
  if (scope.subscription) {
    t = all_of(t, vault_id.subscription ? same(*scope.subscription, *vault_id.subscription)
                                        : maybe("the vault's subscription is not known"));
  }
  if (scope.resource_group) {
    t = all_of(t, vault_id.resource_group ? same(*scope.resource_group, *vault_id.resource_group)
                                          : maybe("the vault's resource group is not known"));
  }
  if (scope.provider.empty()) return t;
  const std::vector<Value>& p = scope.provider;
  if (p.size() < 3 || !is_word(p[0], "Microsoft.KeyVault") || !is_word(p[1], "vaults")) {
    return p.size() >= 2 && p[0].is_string() && p[1].is_string()
               ? no()
               : all_of(t, maybe("the role assignment's scope is not known"));
  }
  t = all_of(t, same(p[2], vault_name));
  if (p.size() == 3) return t;
  if (p.size() == 5 && is_word(p[3], "keys")) return all_of(t, same(p[4], key_name));
  return no();
}

// What the role assignments in view grant `principal` on the key.
Grants rbac_grants(const arm::Resource& vault, const Value& key_name, const Value& principal,
                   const InView& in_view) {
  Grants g = none_granted(
      "no role assignment gives the identity a role with the key's data "
      "actions on vault '" +
      vault.display_name() + "' or the key");
  const Value* vault_name = vault.body.find("name");
  if (!vault_name) {
    const Tri unknown = maybe("the vault's name is not known");
    return {unknown, unknown, unknown};
  }
  const Scope vault_scope = parse_scope(vault.id);
  // Both spellings of a role assignment are in this one group.
  for (const arm::Resource* ra_ptr : in_view.of("Microsoft.Authorization/roleAssignments")) {
    const arm::Resource& ra = *ra_ptr;
    const std::string lower = json::to_lower(ra.type);
    const bool extension_child = lower.ends_with("/providers/roleassignments");
    if (!extension_child && lower != "microsoft.authorization/roleassignments") continue;
    const Value* props = ra.body.find("properties");
    // `az role assignment list` gives the properties flattened into the object.
    if (!props || !props->is_object() || !props->find("principalId")) props = &ra.body;
    const Value* principal_id = props->find("principalId");
    const Value* role = props->find("roleDefinitionId");
    if (!principal_id || !role) continue;
    Tri who = same(*principal_id, principal);
    if (who.truth == Truth::False) continue;
    Scope scope;
    if (extension_child) {
      // "Microsoft.KeyVault/vaults/providers/roleAssignments" named
      // "vault/Microsoft.Authorization/guid".
      const std::string target_type = ra.type.substr(0, ra.type.size() - 26);
      std::vector<Value> type_segs = segments(Value::string(target_type));
      std::vector<Value> name_segs =
          segments(ra.body.find("name") ? *ra.body.find("name") : Value::null());
      const size_t names = type_segs.size() - 1;
      if (name_segs.size() < names) continue;
      scope.provider.push_back(type_segs[0]);
      for (size_t i = 0; i < names; ++i) {
        scope.provider.push_back(type_segs[i + 1]);
        scope.provider.push_back(name_segs[i]);
      }
    } else if (const Value* s = ra.body.find("scope"); s && !s->is_null()) {
      scope = parse_scope(*s);
    } else if (const Value* ps = props->find("scope"); ps && ps->is_string()) {
      scope = parse_scope(*ps);  // live exports carry the scope among the properties
    } else {
      // Without `scope` the assignment applies where it is deployed: its own resource group.
      scope = parse_scope(ra.id);
      scope.provider.clear();
      if (!scope.resource_group) scope.valid = scope.subscription.has_value();
    }
    Tri where = covers(scope, vault_scope, *vault_name, key_name);
    if (where.truth == Truth::False) continue;
    Tri deployed = ra.conditional.empty() ? yes()
                                          : maybe("role assignment '" + ra.display_name() +
                                                  "' is deployed only if " + ra.conditional);
    deployed = all_of(deployed, unconditioned(ra, *props));
    const Grants role_g = role_grants(*role, in_view);
    const bool reaches =
        who.truth == Truth::True && where.truth == Truth::True && deployed.truth == Truth::True;
    for (size_t i = 0; i < kNeeded.size(); ++i) {
      Tri term = all_of(all_of(who, where), all_of(deployed, role_g[i]));
      if (reaches) {
        term.why = "role assignment '" + ra.display_name() +
                   "' reaches the identity and the key, but " + term.why;
      }
      g[i] = any_of_reaching(g[i], term, reaches);
    }
  }
  return g;
}

}  // namespace

void CmkLinks::resolve_key_access() {
  decide_at(key_access_, identity_.decided_path,
            identity_.decided_value ? &*identity_.decided_value : nullptr,
            identity_.decided_offset);
  if (identity_.state == LinkState::Absent) {
    key_access_.state = LinkState::Absent;
    key_access_.reason = identity_.reason;
    return;
  }
  if (identity_.state == LinkState::Undecided) {
    key_access_.reason = "which identity reads the key is not known: " + identity_.reason;
    return;
  }
  if (!referenced_vault_) {
    key_access_.state = vault_.state;
    key_access_.reason = vault_.state == LinkState::Absent
                             ? vault_.reason
                             : "the vault is not in view: " + vault_.reason;
    decide_at(key_access_, vault_.decided_path,
              vault_.decided_value ? &*vault_.decided_value : nullptr, vault_.decided_offset);
    return;
  }
  const arm::Resource& vault = *referenced_vault_;
  const Value& principal = *identity_.body->find("principalId");
  const Value* kvp = key_vault_properties(account_);
  const Value* key_name_v = kvp ? kvp->find("keyName") : nullptr;
  const Value key_name = key_name_v ? *key_name_v : Value::unknown("keyName is not set");

  // enableRbacAuthorization defaults to true from Microsoft.KeyVault 2026-02-01, false before
  // (vault schemas 2026-02-01 and earlier, reference/arm-schemas).
  const Value* rbac_v = at(&vault.body, {"properties", "enableRbacAuthorization"});
  Tri rbac;
  if (vault.existing) {
    rbac = maybe("whether referenced vault '" + vault.display_name() +
                 "' uses Azure RBAC or access policies is in no scanned file");
  } else if (!rbac_v) {
    rbac = vault.api_version.substr(0, 10) >= "2026-02-01" ? yes() : no();
  } else if (auto b = as_bool(*rbac_v)) {
    rbac = *b ? yes() : no();
  } else {
    rbac = maybe(unknown_why(*rbac_v, "whether the vault uses Azure RBAC"));
  }
  Grants g;
  if (rbac.truth == Truth::True) {
    g = rbac_grants(vault, key_name, principal, in_view_);
  } else if (rbac.truth == Truth::False) {
    g = policy_grants(vault, principal, in_view_);
  } else {
    const Grants a = rbac_grants(vault, key_name, principal, in_view_);
    const Grants b = policy_grants(vault, principal, in_view_);
    for (size_t i = 0; i < g.size(); ++i) {
      g[i] = a[i].truth == b[i].truth ? a[i] : rbac;
    }
  }
  if (vault.existing) {
    // Grants on a vault deployed elsewhere may be made elsewhere too: only a grant in view decides.
    for (Tri& t : g) {
      if (t.truth == Truth::False) {
        t = maybe("no grant in the scanned files, and vault '" + vault.display_name() +
                  "' is referenced as existing: it may be granted where the vault is deployed");
      }
    }
  }
  const Value* where =
      rbac.truth == Truth::True ? rbac_v : at(&vault.body, {"properties", "accessPolicies"});
  const uint32_t offset =
      where && where->offset() != json::kNoOffset ? where->offset() : vault.offset;
  access_view_ = std::make_unique<Value>(Value::object());
  access_view_->set("permissionModel",
                    rbac.truth == Truth::Unknown
                        ? Value::unknown(rbac.why)
                        : Value::string(rbac.truth == Truth::True ? "rbac" : "accessPolicy"));
  Tri granted = yes();
  for (size_t i = 0; i < kNeeded.size(); ++i) {
    access_view_->set(kNeeded[i].policy, as_value(g[i], offset));
    granted = all_of(granted, g[i]);
  }
  access_view_->set("granted", as_value(granted, offset));
  // Why a permission is missing or undecided, for the finding's message.
  for (const Tri& t : g) {
    if (t.truth != Truth::True && !t.why.empty()) {
      key_access_.reason = t.why;
      break;
    }
  }
  access_view_->set("principalId", principal);
  found(key_access_, vault, access_view_.get());
}

void CmkLinks::resolve_creation() {
  // The declaration that creates the account: the first in the scanned files with its resource
  // ID. A later one with the same ID updates it, as a two-phase CMK deployment does.
  for (const arm::Resource* r_ptr : in_view_.of(account_.type)) {
    const arm::Resource& r = *r_ptr;
    if (&r == &account_) break;
    if (r.existing) continue;
    if (same(r.id, account_.id).truth == Truth::True) {
      found(creation_, r);
      return;
    }
  }
  found(creation_, account_);
}

}  // namespace cmk::rules
