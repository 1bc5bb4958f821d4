#include "rules/link_targets.hpp"

#include <catch2/catch.hpp>

#include "json/reader.hpp"

using namespace cmk;
using rules::TypeIndex;

namespace {

arm::Resource resource(std::string type, const std::string& body, json::Value id = {}) {
  arm::Resource r;
  r.type = std::move(type);
  r.body = *json::parse(json::SourceText("r.json", body)).root;
  r.id = std::move(id);
  return r;
}

std::vector<std::string> names(const std::vector<const arm::Resource*>& found) {
  std::vector<std::string> out;
  for (const arm::Resource* r : found) {
    const json::Value* name = r->body.find("name");
    out.push_back(name ? json::to_json(*name) : "-");
  }
  return out;
}

}  // namespace

TEST_CASE("link targets: role assignments of both spellings are one group") {
  CHECK(rules::link_category("Microsoft.KeyVault/vaults/providers/roleAssignments") ==
        "microsoft.authorization/roleassignments");
  CHECK(rules::link_category("Microsoft.Authorization/roleAssignments") ==
        "microsoft.authorization/roleassignments");
  CHECK(rules::link_category("Microsoft.KeyVault/vaults") == "microsoft.keyvault/vaults");
  const std::vector<arm::Resource> rs = {
      resource("Microsoft.KeyVault/vaults/providers/roleAssignments", R"({"name": "a"})"),
      resource("Microsoft.KeyVault/vaults", R"({"name": "v"})"),
      resource("microsoft.authorization/ROLEASSIGNMENTS", R"({"name": "b"})")};
  const TypeIndex index(rs);
  REQUIRE(index.of("Microsoft.Authorization/roleAssignments").size() == 2);
  CHECK(index.of("Microsoft.Authorization/roleAssignments")[0] == &rs[0]);
  CHECK(index.of("Microsoft.Authorization/roleAssignments")[1] == &rs[2]);
  CHECK(index.of("Microsoft.Storage/storageAccounts").empty());
}

TEST_CASE("link targets: identities by the ID an account attaches") {
  const std::string type = "Microsoft.ManagedIdentity/userAssignedIdentities";
  const std::vector<arm::Resource> rs = {
      resource(type, R"({"name": "one"})", json::Value::string("/subscriptions/s/RG/id-1")),
      resource(type, R"({"name": "sym"})",
               json::Value::symbolic(
                   "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'x')")),
      resource(type, R"({"name": "two"})", json::Value::string("/subscriptions/s/rg/ID-1")),
      resource(type, R"({"name": "unknown"})", json::Value::unknown("not known"))};
  const TypeIndex index(rs);
  // A literal ID finds the literal ones, in order, whatever their case; never a symbolic one.
  const auto literal = index.identities_with_id(json::Value::string("/SUBSCRIPTIONS/s/rg/id-1"));
  REQUIRE(literal.size() == 2);
  CHECK(literal[0] == &rs[0]);
  CHECK(literal[1] == &rs[2]);
  const auto symbolic = index.identities_with_id(
      json::Value::symbolic("resourceid('Microsoft.ManagedIdentity/userAssignedIdentities', 'x')"));
  REQUIRE(symbolic.size() == 1);
  CHECK(symbolic[0] == &rs[1]);
  CHECK(index.identities_with_id(json::Value::string("/subscriptions/s/rg/id-2")).empty());
  CHECK(index.identities_with_id(json::Value::unknown("not known")).empty());
}

TEST_CASE("link targets: the vaults a keyVaultUri may name, in order") {
  const std::string type = "Microsoft.KeyVault/vaults";
  const std::vector<arm::Resource> rs = {
      resource(
          type,
          R"({"name": "other", "properties": {"vaultUri": "https://other.vault.azure.net/"}})"),
      resource(type, R"({"name": "[parameters('n')]"})"),  // literal text, so keyed by it
      resource(type, R"({"name": "KV", "properties": {}})"),
      resource(type, R"({"properties": {"vaultUri": "https://kv.vault.azure.net"}})"),
      resource(
          type,
          R"({"name": "renamed", "properties": {"vaultUri": "https://KV.vault.azure.net//"}})"),
      resource(type, R"({"name": "odd", "properties": {"vaultUri": null}})"),
      resource(type, R"({"name": "kv"})")};
  const TypeIndex index(rs);
  // By name without case, by vaultUri without case or trailing slashes, and every vault whose
  // name or vaultUri is not a string: those might be it.
  CHECK(names(index.vaults_for("kv", "https://kv.vault.azure.net/")) ==
        std::vector<std::string>{"\"KV\"", "-", "\"renamed\"", "\"odd\"", "\"kv\""});
  CHECK(names(index.vaults_for("none", "https://none.vault.azure.net")) ==
        std::vector<std::string>{"-", "\"odd\""});
}
