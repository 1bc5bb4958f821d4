#include "verify/key_verification.hpp"

#include <algorithm>

#include "crypto/envelope.hpp"
#include "crypto/key_id.hpp"
#include "crypto/random.hpp"

namespace cmk::verify {

// Verification is built on the key store and envelope primitives throughout.
using namespace crypto;

namespace {
// Encrypts random bytes under the service key and the referenced key version, then decrypts them
// through the vault as a reader would.
Status canary_round_trip(Vault& vault, const KeyVersionInfo& key) {
  auto service = vault.service_key();
  if (!service) return service.error();
  auto customer = vault.customer_key(key.name, key.version);
  if (!customer) return customer.error();
  auto canary = random_bytes(64);
  if (!canary) return canary.error();
  MemorySource in(*canary);
  MemorySink sealed;
  CMK_TRY(encrypt_stream({*service, *customer}, {16, {{"purpose", "cmkguard verify canary"}}}, in,
                         sealed));
  MemorySource sealed_in(sealed.bytes());
  MemorySink opened;
  CMK_TRY(decrypt_stream(vault, sealed_in, opened));
  if (opened.bytes() != *canary) return make_error(ErrorCode::Authentication, "canary mismatch");
  return ok_status();
}

// Bicep output can put kilobytes of expression here; the start names the blocking function.
std::string shorten(const std::string& text) {
  return text.size() > 160 ? text.substr(0, 157) + "..." : text;
}
}  // namespace

std::vector<VerifyFinding> verify_key_reference(const TemplateKeyReference& ref, Vault& vault,
                                                int64_t now) {
  std::vector<VerifyFinding> out;
  auto add = [&](const char* check, CheckResult result, std::string message) {
    out.push_back({check, result, std::move(message), ref.offset, ref.path, {}, {}, {}});
  };
  const std::string who = "account '" + ref.account + "'";
  if (ref.state == TemplateKeyReference::State::Missing) {
    add("verify-key-reference", CheckResult::Fail,
        who + " has no customer-managed key: " + ref.detail);
    return out;
  }
  if (ref.state == TemplateKeyReference::State::Unknown) {
    add("verify-key-reference", CheckResult::Unknown,
        who + ": " + ref.path + " is not known before deployment: " + ref.detail +
            (ref.expression.empty() || ref.detail.find(ref.expression) != std::string::npos
                 ? ""
                 : " (" + shorten(ref.expression) + ")"));
    out.back().unknown_reason = ref.detail;
    out.back().unknown_expression = ref.expression;
    return out;
  }
  add("verify-key-reference", CheckResult::Pass,
      who + " references key '" + ref.key_name + "' in " + ref.key_vault_uri +
          (ref.key_version.empty() ? " (latest version)" : ", version " + ref.key_version));
  const std::string wanted = ref.key_vault_uri + (ref.key_vault_uri.ends_with("/") ? "" : "/") +
                             "keys/" + ref.key_name +
                             (ref.key_version.empty() ? "" : "/" + ref.key_version);
  auto vault_name = vault_name_from_uri(ref.key_vault_uri);
  if (!vault_name) {
    add("verify-key-found", CheckResult::Fail,
        who + ": keyVaultUri '" + ref.key_vault_uri + "' is not a Key Vault URI");
    return out;
  }
  if (*vault_name != vault.properties().name) {
    add("verify-key-found", CheckResult::Fail,
        who + " uses vault '" + *vault_name + "' but the key store is vault '" +
            vault.properties().name + "'");
    return out;
  }
  auto key = vault.get_key(ref.key_name);
  if (!key) {
    add("verify-key-found", CheckResult::Fail,
        who + ": key " + wanted + ": " + key.error().message);
    return out;
  }
  const KeyVersionInfo* version = key->find_version(ref.key_version);
  if (!version) {
    add("verify-key-found", CheckResult::Fail, who + ": key " + wanted + " has no such version");
    return out;
  }
  const std::string kid = version->kid;
  add("verify-key-found", CheckResult::Pass,
      who + ": key " + kid + (ref.key_version.empty() ? " (latest version: auto-rotation)" : ""));

  const int bits = version->bits;
  const bool size_ok = std::ranges::find(kCmkRsaKeyBits, bits) != kCmkRsaKeyBits.end();
  add("verify-key-type", size_ok ? CheckResult::Pass : CheckResult::Fail,
      "key " + kid + " is RSA-" + std::to_string(bits) +
          (size_ok ? "" : "; customer-managed keys must be RSA 2048, 3072 or 4096"));
  add("verify-key-enabled", version->attributes.enabled ? CheckResult::Pass : CheckResult::Fail,
      "key " + kid +
          (version->attributes.enabled ? " is enabled"
                                       : " is disabled: data encrypted with it is unreadable"));
  KeyVersionInfo dates_only = *version;
  dates_only.attributes.enabled = true;
  dates_only.key_ops = {"unwrapKey"};
  const Status dates = check_key_usable(dates_only, "unwrapKey", now);
  add("verify-key-validity", dates ? CheckResult::Pass : CheckResult::Fail,
      "key " + kid + (dates ? " is inside its nbf/exp window" : ": " + dates.error().message));
  std::string missing_ops;
  for (const char* op : {"wrapKey", "unwrapKey"}) {
    if (std::find(version->key_ops.begin(), version->key_ops.end(), op) == version->key_ops.end()) {
      missing_ops += missing_ops.empty() ? op : std::string(" and ") + op;
    }
  }
  add("verify-key-operations", missing_ops.empty() ? CheckResult::Pass : CheckResult::Fail,
      "key " + kid +
          (missing_ops.empty() ? " allows wrapKey and unwrapKey"
                               : " does not allow " + missing_ops));
  const auto& p = vault.properties();
  const bool recoverable = p.soft_delete && p.purge_protection;
  add("verify-key-recoverable", recoverable ? CheckResult::Pass : CheckResult::Fail,
      "vault " + vault.uri() +
          (recoverable
               ? " has soft delete and purge protection"
               : std::string(" lacks ") +
                     (!p.soft_delete ? "soft delete and purge protection" : "purge protection") +
                     ": a deleted key could not come back and the data would be lost"));
  const Status canary = canary_round_trip(vault, *version);
  add("verify-canary", canary ? CheckResult::Pass : CheckResult::Fail,
      canary ? "canary envelope round trip with " + kid + " succeeded"
             : "canary envelope round trip failed: " + canary.error().message);
  return out;
}

TemplateVerification verify_template(const arm::InputFile& file, arm::Model model, Vault& vault,
                                     int64_t now) {
  TemplateVerification result;
  result.file = file.source->path();
  result.source = file.source;
  result.kind = file.kind;
  result.resources = model.resources.size();
  result.diagnostics = std::move(model.diagnostics);
  result.references = find_key_references(model);
  if (result.references.empty()) {
    // Point at the resources the account is missing from.
    const json::Value* resources = file.root.is_object() ? file.root.find("resources") : nullptr;
    VerifyFinding none;
    none.check = "verify-key-reference";
    none.result = CheckResult::Fail;
    none.message = file.kind == arm::FileKind::LiveResources
                       ? "no Microsoft.CognitiveServices/accounts resource in the file"
                       : "the template deploys no Microsoft.CognitiveServices/accounts resource";
    none.offset = resources && resources->offset() != json::kNoOffset ? resources->offset() : 0;
    result.findings.push_back(std::move(none));
  }
  for (size_t i = 0; i < result.references.size(); ++i) {
    for (VerifyFinding& f : verify_key_reference(result.references[i], vault, now)) {
      f.reference = i;
      result.findings.push_back(std::move(f));
    }
  }
  return result;
}

}  // namespace cmk::verify
