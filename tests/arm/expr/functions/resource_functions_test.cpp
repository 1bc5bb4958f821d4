#include <catch2/catch.hpp>

#include "../test_support.hpp"
#include "arm/expr/in_memory_resolver.hpp"

using namespace cmk;
using namespace cmk::arm::expr;
using namespace cmk::arm::expr::testing;

namespace {
TemplateScope::Options concrete() {
  TemplateScope::Options o;
  o.deployment.subscription_id = "00000000-0000-0000-0000-000000000000";
  o.deployment.resource_group = "rg";
  return o;
}
}  // namespace

TEST_CASE("resource IDs are built as Azure builds them") {
  Harness h("{}", concrete());
  const std::string sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
  CHECK(js(h.value("[resourceId('Microsoft.KeyVault/vaults/keys', 'kv', 'k')]")) ==
        "\"" + sub + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/keys/k\"");
  CHECK(js(h.value("[resourceId('other', 'Microsoft.Web/sites', 'app')]")) ==
        "\"" + sub + "/resourceGroups/other/providers/Microsoft.Web/sites/app\"");
  CHECK(js(h.value("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'r')]")) ==
        "\"" + sub + "/providers/Microsoft.Authorization/roleDefinitions/r\"");
  CHECK(js(h.value("[tenantResourceId('Microsoft.Billing/billingAccounts', 'b')]")) ==
        R"("/providers/Microsoft.Billing/billingAccounts/b")");
  CHECK(js(h.value("[extensionResourceId(resourceId('Microsoft.Web/sites', 'app'), "
                   "'Microsoft.Authorization/locks', 'lock')]")) ==
        "\"" + sub +
            "/resourceGroups/rg/providers/Microsoft.Web/sites/app/providers/"
            "Microsoft.Authorization/locks/lock\"");
  CHECK(
      js(h.value("[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', "
                 "'p')]")) ==
      R"("/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p")");
  CHECK(h.error("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]") ==
        "resource type 'Microsoft.Network/virtualNetworks/subnets' needs 2 names, got 1");
}

TEST_CASE("resource IDs keep symbolic subscription and resource group segments") {
  Harness h;
  json::Value id = h.value("[resourceId('Microsoft.KeyVault/vaults', 'kv')]");
  REQUIRE(id.is_symbolic());
  CHECK(id.symbolic_info().name ==
        "concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/', "
        "resourceGroup().name, '/providers/Microsoft.KeyVault/vaults/kv')");
  Harness sub(
      R"({"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"})");
  CHECK(sub.value("[resourceId('Microsoft.Resources/resourceGroups', 'g')]").symbolic_info().name ==
        "concat('/subscriptions/', subscription().subscriptionId, "
        "'/providers/Microsoft.Resources/resourceGroups/g')");
}

TEST_CASE("reference() resolves resources of the same template through the resolver") {
  InMemoryResolver resolver;
  TemplateScope::Options o;
  o.resolver = &resolver;
  Harness h("{}", o);
  json::Value kv = parse_json(R"({"type": "Microsoft.KeyVault/vaults", "name": "kv",
      "properties": {"enablePurgeProtection": true}})");
  resolver.add(h.value("[resourceId('Microsoft.KeyVault/vaults', 'kv')]"), kv);
  CHECK(js(h.value(
            "[reference(resourceId('Microsoft.KeyVault/vaults', 'kv')).enablePurgeProtection]")) ==
        "true");
  CHECK(js(h.value("[reference('kv', '2023-07-01', 'Full').properties.enablePurgeProtection]")) ==
        "true");
  // Deployed state the template does not set is unknown, not an error.
  json::Value uri = h.value("[reference('kv').vaultUri]");
  REQUIRE(uri.is_unknown());
  CHECK(uri.unknown_info().reason == "property 'vaultUri' is not set in the template");
  json::Value other = h.value("[reference('elsewhere').x]");
  REQUIRE(other.is_unknown());
  CHECK(other.unknown_info().reason == "reference() to 'elsewhere' is known only after deployment");
  CHECK(h.value("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 's'), "
                "'2023-01-01').keys[0].value]")
            .is_unknown());
}

TEST_CASE("deployment-context objects and environment()") {
  Harness h;
  CHECK(js(h.value("[environment().suffixes.keyvaultDns]")) == R"(".vault.azure.net")");
  CHECK(js(h.value("[environment().name]")) == R"("AzureCloud")");
  CHECK(h.value("[deployer().objectId]").is_symbolic());
  CHECK(h.value("[managementGroup().id]").is_symbolic());
  CHECK(h.value("[deployment().properties.templateLink.uri]").is_unknown());
  CHECK(js(h.value("[pickZones('Microsoft.Compute', 'virtualMachines', 'West US 2', 2)]")) ==
        R"(["1","2"])");
  CHECK(h.value("[pickZones('Microsoft.Compute', 'virtualMachines', resourceGroup().location)]")
            .is_unknown());
}

TEST_CASE("deployment().location is the deployment's region outside resource groups") {
  const std::string sub = R"({"$schema": "https://schema.management.azure.com/schemas/)"
                          R"(2018-05-01/subscriptionDeploymentTemplate.json#"})";
  Harness h(sub);
  json::Value loc = h.value("[deployment().location]");
  REQUIRE(loc.is_symbolic());
  CHECK(loc.symbolic_info().name == "deployment().location");
  CHECK(js(h.value("[equals(deployment().location, deployment().location)]")) == "true");
  CHECK(h.value("[concat('rg-', deployment().location)]").symbolic_info().name ==
        "concat('rg-', deployment().location)");
  TemplateScope::Options o;
  o.deployment.location = "westeurope";
  Harness given(sub, o);
  CHECK(js(given.value("[deployment().location]")) == R"("westeurope")");
  // A resource group deployment has no location property (the reference page).
  Harness rg;
  json::Value none = rg.value("[deployment().location]");
  REQUIRE(none.is_unknown());
  CHECK(none.unknown_info().reason == "property 'location' is not set in the template");
}
