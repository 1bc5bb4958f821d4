// End-to-end: the files of one scan judged as one estate.

#include <catch2/catch.hpp>
#include <string>

#include "test_support.hpp"

using cmk::test::q;

using namespace cmk;
using test::run_cmkguard;
using test::write_temp;

namespace {

const std::string kPlatform = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
     "name": "id-face", "location": "[resourceGroup().location]"},
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv-plat",
     "location": "[resourceGroup().location]",
     "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
       "enablePurgeProtection": PURGE,
       "accessPolicies": [{"tenantId": "[subscription().tenantId]",
         "objectId": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-face'), '2023-01-31').principalId]",
         "permissions": {"keys": ["get", "wrapKey", "unwrapKey"]}}]}},
    {"type": "Microsoft.KeyVault/vaults/keys", "apiVersion": "2023-07-01", "name": "kv-plat/face-cmk",
     "properties": {"kty": "RSA", "keySize": 2048}}
  ]
})";

const std::string kApp = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "face",
     "location": "[resourceGroup().location]", "kind": "Face", "sku": {"name": "E0"},
     "identity": {"type": "UserAssigned", "userAssignedIdentities": {
       "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-face')]": {}}},
     "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
       "keyVaultUri": "https://kv-plat.vault.azure.net/", "keyName": "face-cmk",
       "identityClientId": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-face'), '2023-01-31').clientId]"}}}}
  ]
})";

std::string platform(const std::string& purge) {
  std::string text = kPlatform;
  text.replace(text.find("PURGE"), 5, purge);
  return text;
}

}  // namespace

TEST_CASE("estate: an account is judged with the vault, key and grant of another file") {
  write_temp("estate/platform/keys.json", platform("true"));
  const auto app = write_temp("estate/app/main.json", kApp);
  const auto root = app.parent_path().parent_path();

  // Alone, the account's vault is not in view: undecided, never passed.
  auto r = run_cmkguard("scan --no-config --format json " + q(app));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"result\": \"unknown\"") != std::string::npos);
  CHECK(r.out.find("is in none of the scanned files") != std::string::npos);

  // With the platform's file: every CMK check decided, and passing.
  r = run_cmkguard("scan --no-config --all " + q(root));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(": unknown: ") == std::string::npos);
  CHECK(r.out.find("0 failed, 0 unknown") != std::string::npos);

  // The platform's vault loses purge protection: the account's finding names it, in the app file.
  write_temp("estate/platform/keys.json", platform("false"));
  r = run_cmkguard("scan --no-config --format json " + q(root));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"rule\": \"ai-cmk-vault-recoverable\"") != std::string::npos);
  CHECK(r.out.find("app/main.json") != std::string::npos);
  CHECK(r.out.find("platform/keys.json") != std::string::npos);

  // The audit report names the evidence in the other file too.
  r = run_cmkguard("scan --no-config --format markdown " + q(root));
  CHECK(r.out.find("; evidence: vault: Microsoft.KeyVault/vaults 'kv-plat' "
                   "(properties.enablePurgeProtection) at ") != std::string::npos);
}

TEST_CASE("estate: files mapped to different resource groups do not share identities") {
  write_temp("mapped/platform/keys.json", platform("true"));
  const auto app = write_temp("mapped/app/main.json", kApp);
  const auto root = app.parent_path().parent_path();
  const auto config = write_temp("mapped/.cmkguard.yaml",
                                 "deployments:\n"
                                 "  - files: \"platform/**\"\n"
                                 "    resourceGroup: rg-platform\n"
                                 "  - files: \"app/**\"\n"
                                 "    resourceGroup: rg-face\n");
  // The app attaches id-face of its own resource group, which the platform never granted.
  const auto r = run_cmkguard("scan --config " + q(config) + " " + q(root));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("[ai-cmk-key-access]") != std::string::npos);
}

TEST_CASE("estate: a key in a Managed HSM is unknown, and the reason names the HSM") {
  // Before, the reason said the vault was in none of the scanned files, even beside a template
  // that deploys the Managed HSM.
  std::string app = kApp;
  const std::string vault_uri = "https://kv-plat.vault.azure.net/";
  app.replace(app.find(vault_uri), vault_uri.size(), "https://kv-plat.managedhsm.azure.net/");
  const auto file = write_temp("estate-hsm/app.json", app);
  write_temp("estate-hsm/hsm.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [{"type": "Microsoft.KeyVault/managedHSMs", "apiVersion": "2023-07-01",
    "name": "kv-plat", "location": "westeurope", "sku": {"family": "B", "name": "Standard_B1"},
    "properties": {"tenantId": "[subscription().tenantId]", "enablePurgeProtection": true,
      "initialAdminObjectIds": ["00000000-0000-0000-0000-000000000001"]}}]
})");
  const auto r = run_cmkguard("scan --no-config --format json " + q(file.parent_path()));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("keyVaultUri names the Managed HSM 'kv-plat'") != std::string::npos);
  CHECK(r.out.find("is in none of the scanned files") == std::string::npos);
}
