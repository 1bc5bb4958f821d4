#include "verify/verify_report.hpp"

namespace cmk::verify {

namespace {

constexpr const char* kCmkDocs =
    "https://learn.microsoft.com/azure/ai-foundry/concepts/encryption-keys-portal";

rules::Rule make(const char* id, rules::Severity severity, const char* title,
                 const char* description, const char* remediation) {
  rules::Rule r;
  r.id = id;
  r.title = title;
  r.severity = severity;
  r.resource_types = {"Microsoft.CognitiveServices/accounts"};
  r.description = description;
  r.message = title;  // each finding carries its own message
  r.remediation = remediation;
  r.references = {kCmkDocs};
  return r;
}

// Severities follow what the failure does to the account's data: critical when the service cannot
// (or soon cannot) unwrap the key, so the data is unreadable; high when CMK is not in effect,
// Azure rejects the configuration, or a deleted key could not come back.
std::vector<rules::Rule> build_rules() {
  using rules::Severity;
  return {
      make("verify-key-reference", Severity::High, "The account references a customer-managed key",
           "The account sets properties.encryption.keySource to Microsoft.KeyVault with "
           "keyVaultProperties.keyVaultUri and keyName. Without them the data is encrypted with "
           "Microsoft-managed keys only; when they are not known before deployment the key "
           "cannot be checked.",
           "Set encryption.keySource to Microsoft.KeyVault and keyVaultProperties.keyVaultUri and "
           "keyName. For values that come from parameters, give them with --parameters or "
           "--param."),
      make("verify-key-found", Severity::Critical, "The referenced key exists in its key vault",
           "keyVaultUri names the key store's vault and the key (and keyVersion, when set) exists "
           "and is not soft-deleted. Otherwise the service cannot reach the key and the account's "
           "data cannot be decrypted.",
           "Create the key, recover it if it was deleted, correct keyName or keyVersion, or "
           "verify against the key store of the vault the template names."),
      make("verify-key-type", Severity::High, "The key is an RSA key of 2048, 3072 or 4096 bits",
           "Customer-managed keys must be RSA (or RSA-HSM) keys of 2048, 3072 or 4096 bits, the "
           "sizes Key Vault makes; other keys are rejected when the encryption settings are "
           "applied. The AI Foundry guide recommends 2048.",
           "Create an RSA 2048 key (cmkguard crypt key create DIR NAME --size 2048) and "
           "reference it."),
      make("verify-key-enabled", Severity::Critical, "The key version is enabled",
           "A disabled key cannot unwrap: the data encrypted with it is unreadable until it is "
           "enabled again.",
           "Enable the key version (cmkguard crypt key enable), or reference an enabled one."),
      make("verify-key-validity", Severity::Critical,
           "The key is inside its activation and expiry dates",
           "Before its nbf or from its exp, Key Vault refuses every operation with the key, so "
           "the service cannot unwrap the data key.",
           "Update the key's dates (cmkguard crypt key update --not-before/--expires) or rotate "
           "to a new version."),
      make("verify-key-operations", Severity::Critical, "The key allows wrapKey and unwrapKey",
           "The service wraps the data key when encryption is configured and unwraps it on every "
           "read; a key whose key_ops lack either cannot serve as a customer-managed key.",
           "Allow both operations (cmkguard crypt key update --ops wrapKey,unwrapKey)."),
      make("verify-key-recoverable", Severity::High,
           "The key vault has soft delete and purge protection",
           "Azure requires both for customer-managed keys: without them a deleted key is gone "
           "for good, and with it the data.",
           "Create the vault with soft delete and --purge-protection."),
      make("verify-canary", Severity::Critical, "A canary encryption round trip succeeds",
           "Random bytes are encrypted with the service key and the referenced key version and "
           "decrypted through the key store, as the service would: the end-to-end proof that the "
           "key works.",
           "Fix what the other verify checks report; if they all pass, inspect the key store's "
           "audit.log for the failing operation."),
  };
}

rules::Outcome outcome(CheckResult r) {
  switch (r) {
    case CheckResult::Pass:
      return rules::Outcome::Pass;
    case CheckResult::Unknown:
      return rules::Outcome::Unknown;
    case CheckResult::Fail:
      break;
  }
  return rules::Outcome::Fail;
}

rules::Finding to_finding(const TemplateVerification& t, const VerifyFinding& v) {
  rules::Finding f;
  f.rule = verify_rule(v.check);
  if (!f.rule) f.rule = &verify_rules().front();  // unreachable: every check is catalogued
  f.result = outcome(v.result);
  f.message = v.message;
  f.file = t.file;
  f.resource_line = 1;
  // A reference's offsets are in the file that declares the account: a linked template's.
  const TemplateKeyReference* ref =
      v.reference && *v.reference < t.references.size() ? &t.references[*v.reference] : nullptr;
  const json::SourceText& source = ref && ref->source ? *ref->source : *t.source;
  if (ref && ref->source) f.file = ref->source->path();
  const json::Position at = source.position(v.offset);
  f.line = at.line;
  f.column = at.column;
  if (ref) {
    f.resource_type = ref->type;
    f.resource_name = ref->name;
    f.evaluated_name = ref->evaluated_name;
    f.resource_line = source.position(ref->resource_offset).line;
    f.deployment_path = ref->deployment_path;
    f.condition = ref->condition;
  }
  f.path = v.path;
  f.unknown_reason = v.unknown_reason;
  f.unknown_expression = v.unknown_expression;
  return f;
}

}  // namespace

const std::vector<rules::Rule>& verify_rules() {
  static const std::vector<rules::Rule> rules = build_rules();
  return rules;
}

const rules::Rule* verify_rule(std::string_view check) {
  for (const rules::Rule& r : verify_rules()) {
    if (r.id == check) return &r;
  }
  return nullptr;
}

pipeline::ScanResult to_scan_result(const VerifyRun& run) {
  pipeline::ScanResult out;
  out.diagnostics = run.diagnostics;
  out.stats.files = run.files;
  for (const TemplateVerification& t : run.templates) {
    if (t.kind == arm::FileKind::LiveResources) {
      ++out.stats.live_files;
    } else {
      ++out.stats.templates;
    }
    out.stats.resources += t.resources;
    for (const VerifyFinding& v : t.findings) out.findings.push_back(to_finding(t, v));
  }
  return out;
}

}  // namespace cmk::verify
