#include "verify/template_key_reference.hpp"

#include <catch2/catch.hpp>

#include "arm/input_file.hpp"

using namespace cmk::verify;
using State = TemplateKeyReference::State;

namespace {
constexpr const char* kSchema =
    R"("$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")";

std::vector<TemplateKeyReference> refs(const std::string& body,
                                       cmk::json::Value parameters = cmk::json::Value::object()) {
  auto loaded = cmk::arm::load_text("t.json", "{" + std::string(kSchema) + ", " + body + "}");
  REQUIRE(loaded.file);
  cmk::arm::ModelOptions options;
  options.parameters = std::move(parameters);
  // The model points into the file; the references copy what they need.
  return find_key_references(cmk::arm::build_model(*loaded.file, options));
}

cmk::json::Position where(const TemplateKeyReference& r) { return r.source->position(r.offset); }
}  // namespace

TEST_CASE("key references: literal keyVaultProperties, type matched case-insensitively") {
  auto r = refs(R"("resources": [
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "s"},
    {"type": "microsoft.cognitiveservices/ACCOUNTS", "apiVersion": "2024-10-01", "name": "face",
     "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
       "keyVaultUri": "https://kv1.vault.azure.net/", "keyName": "cmk", "keyVersion": "abc"}}}}])");
  REQUIRE(r.size() == 1);
  CHECK(r[0].state == State::Resolved);
  CHECK(r[0].account == "face");
  CHECK(r[0].key_vault_uri == "https://kv1.vault.azure.net/");
  CHECK(r[0].key_name == "cmk");
  CHECK(r[0].key_version == "abc");
  CHECK(r[0].path == "properties.encryption.keyVaultProperties");
  CHECK(where(r[0]).line == 4);
}

TEST_CASE("key references are evaluated: parameters, variables, reference() of a vault") {
  const std::string tmpl = R"("parameters": {
      "kvName": {"type": "string", "defaultValue": "contoso"},
      "keyName": {"type": "string", "defaultValue": "cmk"},
      "accountName": {"type": "string"},
      "uri": {"type": "string"}},
    "variables": {"enc": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
      "keyVaultUri": "[reference(resourceId('Microsoft.KeyVault/vaults', parameters('kvName')), '2023-07-01').vaultUri]",
      "keyName": "[parameters('keyName')]"}}},
    "resources": [
      {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
       "name": "[parameters('kvName')]", "properties": {"enablePurgeProtection": true}},
      {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
       "name": "[format('face-{0}', parameters('kvName'))]",
       "properties": {"encryption": "[variables('enc')]"}},
      {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
       "name": "[parameters('accountName')]",
       "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
         "keyVaultUri": "[parameters('uri')]", "keyName": "cmk"}}}}])";

  auto r = refs(tmpl);
  REQUIRE(r.size() == 2);
  CHECK(r[0].state == State::Resolved);
  CHECK(r[0].account == "face-contoso");
  CHECK(r[0].key_vault_uri == "https://contoso.vault.azure.net/");
  CHECK(r[0].key_name == "cmk");
  // The values come from a variable: the location is the expression that produced them.
  CHECK(r[0].path == "properties.encryption.keyVaultProperties");
  CHECK(where(r[0]).line == 14);

  CHECK(r[1].state == State::Unknown);
  CHECK(r[1].account == "[parameters('accountName')]");
  CHECK(r[1].path == "properties.encryption.keyVaultProperties.keyVaultUri");
  CHECK(r[1].detail == "parameter 'uri' has no value");
  CHECK(where(r[1]).line == 18);

  cmk::json::Value given = cmk::json::Value::object();
  given.set("uri", cmk::json::Value::string("https://other.vault.azure.net"));
  given.set("accountName", cmk::json::Value::string("face2"));
  given.set("keyName", cmk::json::Value::string("k2"));
  r = refs(tmpl, given);
  REQUIRE(r.size() == 2);
  CHECK(r[0].key_name == "k2");
  CHECK(r[1].state == State::Resolved);
  CHECK(r[1].account == "face2");
  CHECK(r[1].key_vault_uri == "https://other.vault.azure.net");
}

TEST_CASE("key references: symbolic values, missing CMK, conditions, existing, copies") {
  auto r = refs(R"("parameters": {"cmk": {"type": "bool"}},
    "resources": [
    {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "sym",
     "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
       "keyVaultUri": "[format('https://kv-{0}.vault.azure.net', resourceGroup().name)]",
       "keyName": "cmk"}}}},
    {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "mmk",
     "properties": {"encryption": {"keySource": "Microsoft.CognitiveServices"}}},
    {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "none",
     "properties": {}},
    {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "off",
     "condition": false, "properties": {}},
    {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "maybe",
     "condition": "[parameters('cmk')]", "properties": {}},
    {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "old",
     "existing": true},
    {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
     "name": "[format('c{0}', copyIndex())]", "copy": {"name": "c", "count": 2},
     "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
       "keyVaultUri": "https://kv1.vault.azure.net/", "keyName": "[[odd"}}}}])");
  REQUIRE(r.size() == 6);
  CHECK(r[0].state == State::Unknown);
  CHECK(r[0].path == "properties.encryption.keyVaultProperties.keyVaultUri");
  CHECK_THAT(r[0].detail, Catch::Contains("deployment-context value"));
  CHECK_THAT(r[0].expression, Catch::Contains("resourceGroup().name"));
  CHECK(r[1].state == State::Missing);
  CHECK(r[1].detail ==
        "properties.encryption.keySource is 'Microsoft.CognitiveServices', not "
        "Microsoft.KeyVault");
  CHECK(r[2].state == State::Missing);
  CHECK(r[2].path == "properties.encryption");
  CHECK(r[3].account == "maybe");
  CHECK(r[3].condition == "[parameters('cmk')]");
  CHECK(r[4].account == "c0");
  CHECK(r[5].account == "c1");
  CHECK(r[5].state == State::Resolved);
  CHECK(r[5].key_name == "[odd");
}

TEST_CASE("key references in nested deployments and languageVersion 2.0") {
  auto r = refs(R"("resources": [{"type": "Microsoft.Resources/deployments",
    "apiVersion": "2022-09-01", "name": "inner",
    "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
      "parameters": {"uri": {"value": "https://kv1.vault.azure.net"}},
      "template": {"parameters": {"uri": {"type": "string"}, "props": {"type": "object"}},
        "resources": [
        {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
         "name": "nested", "properties": {"encryption": {"keySource": "Microsoft.KeyVault",
           "keyVaultProperties": {"keyVaultUri": "[parameters('uri')]", "keyName": "k"}}}},
        {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
         "name": "nested2", "properties": "[parameters('props')]"}]}}}])");
  REQUIRE(r.size() == 2);
  CHECK(r[0].state == State::Resolved);
  CHECK(r[0].key_vault_uri == "https://kv1.vault.azure.net");
  CHECK(r[0].deployment_path == std::vector<std::string>{"inner"});
  CHECK(r[1].state == State::Unknown);
  CHECK(r[1].path == "properties");
  CHECK(r[1].detail == "parameter 'props' has no value");

  auto v2 = refs(R"("languageVersion": "2.0", "resources": {
    "a": {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "a",
          "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
            "keyVaultUri": "https://kv1.vault.azure.net", "keyName": 3}}}}})");
  REQUIRE(v2.size() == 1);
  CHECK(v2[0].state == State::Missing);
  CHECK_THAT(v2[0].detail, Catch::Contains("keyName has a"));
}
