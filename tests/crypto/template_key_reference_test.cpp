#include "crypto/template_key_reference.hpp"

#include <catch2/catch.hpp>

#include "json/reader.hpp"

using namespace cmk::crypto;
using State = TemplateKeyReference::State;

namespace {
std::vector<TemplateKeyReference> refs(const std::string& text) {
  auto parsed = cmk::json::parse(cmk::json::SourceText("t.json", text));
  REQUIRE(parsed.root);
  return find_key_references(*parsed.root);
}
}  // namespace

TEST_CASE("key references are read from literal keyVaultProperties") {
  auto r = refs(R"({"resources": [
    {"type": "Microsoft.Storage/storageAccounts", "name": "s"},
    {"type": "microsoft.cognitiveservices/ACCOUNTS", "name": "face",
     "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
       "keyVaultUri": "https://kv1.vault.azure.net/", "keyName": "cmk", "keyVersion": "abc"}}}}]})");
  REQUIRE(r.size() == 1);
  CHECK(r[0].state == State::Literal);
  CHECK(r[0].account == "face");
  CHECK(r[0].key_vault_uri == "https://kv1.vault.azure.net/");
  CHECK(r[0].key_name == "cmk");
  CHECK(r[0].key_version == "abc");
}

TEST_CASE("languageVersion 2.0 resources, expressions, escapes and missing CMK") {
  auto r = refs(R"({"languageVersion": "2.0", "resources": {
    "a": {"type": "Microsoft.CognitiveServices/accounts", "name": "[parameters('n')]",
          "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
            "keyVaultUri": "[reference(parameters('kv')).vaultUri]", "keyName": "cmk"}}}},
    "b": {"type": "Microsoft.CognitiveServices/accounts", "name": "b",
          "properties": {"encryption": {"keySource": "Microsoft.CognitiveServices"}}},
    "c": {"type": "Microsoft.CognitiveServices/accounts", "name": "c",
          "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
            "keyVaultUri": "https://kv1.vault.azure.net", "keyName": "[[odd"}}}}}})");
  REQUIRE(r.size() == 3);
  CHECK(r[0].state == State::Unknown);
  CHECK(r[0].detail == "[reference(parameters('kv')).vaultUri]");
  CHECK(r[1].state == State::Missing);
  CHECK(r[2].state == State::Literal);
  CHECK(r[2].key_name == "[odd");
}

TEST_CASE("accounts in nested deployments are found; expression-valued blocks are unknown") {
  auto r = refs(R"({"resources": [{"type": "Microsoft.Resources/deployments", "name": "inner",
    "properties": {"mode": "Incremental", "template": {"resources": [
      {"type": "Microsoft.CognitiveServices/accounts", "name": "nested",
       "properties": "[variables('accountProperties')]"},
      {"type": "Microsoft.CognitiveServices/accounts", "name": "nested2",
       "properties": {"encryption": "[if(parameters('cmk'), variables('enc'), null())]"}}]}}}]})");
  REQUIRE(r.size() == 2);
  CHECK(r[0].account == "nested");
  CHECK(r[0].state == State::Unknown);
  CHECK(r[1].state == State::Unknown);
  CHECK(r[1].detail == "[if(parameters('cmk'), variables('enc'), null())]");
}
