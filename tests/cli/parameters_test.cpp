// Parameter values and deployment context from the command line, end to end.

#include <catch2/catch.hpp>

#include "test_support.hpp"

using cmk::test::q;

using cmk::test::run_cmkguard;
using cmk::test::write_temp;

namespace {

const std::string kTemplate = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"purge": {"type": "bool"}},
  "resources": [
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
     "name": "[concat('kv-', uniqueString(resourceGroup().id))]",
     "location": "[resourceGroup().location]",
     "properties": {"enablePurgeProtection": "[parameters('purge')]"}}
  ]
})";

std::string params(bool purge) {
  return std::string(
             R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
    "parameters": {"purge": {"value": )") +
         (purge ? "true" : "false") + "}}}";
}
}  // namespace

TEST_CASE("parameter values: paired file, given files, --param, in that order") {
  const auto t = write_temp("params/main.json", kTemplate);
  // No value anywhere: unknown, and the message names the blocking expression.
  auto r = run_cmkguard("scan --no-config " + q(t));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("unknown: ") != std::string::npos);
  CHECK(r.out.find("parameter 'purge' has no value") != std::string::npos);

  write_temp("params/main.parameters.json", params(false));  // paired automatically
  r = run_cmkguard("scan --no-config " + q(t));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("enablePurgeProtection is false") != std::string::npos);
  CHECK(run_cmkguard("scan --no-config --no-auto-parameters " + q(t)).exit_code == 0);

  const auto on = write_temp("params/prod.parameters.json", params(true));
  CHECK(run_cmkguard("scan --no-config --parameters " + q(on) + " " + q(t)).exit_code == 0);
  CHECK(run_cmkguard("scan --no-config --parameters " + q(on) + " --param purge=false " + q(t))
            .exit_code == 1);
  r = run_cmkguard("scan --no-config --param purge " + q(t));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--param takes NAME=VALUE") != std::string::npos);
  r = run_cmkguard("scan --no-config --parameters " + q(t) + " " + q(t));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not a parameters file") != std::string::npos);
}

TEST_CASE("--explain-values shows what the checker believed; context flags make it concrete") {
  const auto t = write_temp("explain/main.json", kTemplate);
  auto r = run_cmkguard("scan --no-config --explain-values --param purge=true " + q(t));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(":5:5: Microsoft.KeyVault/vaults") != std::string::npos);
  CHECK(r.out.find("  properties.enablePurgeProtection = true\n") != std::string::npos);
  CHECK(r.out.find("  location = <deployment value: resourceGroup().location>\n") !=
        std::string::npos);
  r = run_cmkguard(
      "scan --no-config --explain-values --param purge=true --location westeurope "
      "--subscription-id 00000000-0000-0000-0000-000000000000 --resource-group rg-face " +
      q(t));
  CHECK(r.out.find("  location = \"westeurope\"\n") != std::string::npos);
  // uniqueString over a concrete resource group id is a concrete name.
  CHECK(r.out.find("Microsoft.KeyVault/vaults 'kv-") != std::string::npos);
  CHECK(r.out.find("  name = \"kv-") != std::string::npos);
}

TEST_CASE(
    "tenant-id flag decides whether a vault with a literal tenant id is in the deployment's "
    "tenant") {
  const auto fixture = cmk::test::source_dir() / "rules/cmk/ai-cmk-vault-tenant.fixture.json";
  auto tenant_results = [&](const std::string& flags) {
    const auto r =
        run_cmkguard("scan --no-config --all --no-builtin-rules --rules '" +
                     (cmk::test::source_dir() / "rules/cmk/ai-cmk-vault-tenant.yaml").string() +
                     "' " + flags + " '" + fixture.string() + "'");
    return r.out;
  };
  std::string out = tenant_results("");
  CHECK(out.find("unknown: ") != std::string::npos);
  out = tenant_results("--tenant-id 00000000-1111-2222-3333-444444444444");
  CHECK(out.find("Account 'face-literal-tenant' uses a key vault whose tenantId") !=
        std::string::npos);
  out = tenant_results("--tenant-id 72F988BF-86F1-41AF-91AB-2D7CD011DB47");
  CHECK(out.find("Account 'face-literal-tenant' uses a key vault whose tenantId") ==
        std::string::npos);
}
