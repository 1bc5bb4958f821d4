#include "verify/verify_report.hpp"

#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "arm/input_file.hpp"
#include "crypto/file_helpers.hpp"
#include "verify/key_verification.hpp"

using namespace cmk::crypto;
using namespace cmk::verify;
using namespace cmk::crypto::testing;
using cmk::rules::Severity;

TEST_CASE("verify's checks are rules with ids, titles, severities and remediation") {
  const auto& rules = verify_rules();
  REQUIRE(rules.size() == 8);
  std::set<std::string> ids;
  const std::regex id_pattern("^[a-z0-9]+(-[a-z0-9]+)*$");  // schemas/report.schema.json
  for (const auto& r : rules) {
    INFO(r.id);
    CHECK(ids.insert(r.id).second);
    CHECK(std::regex_match(r.id, id_pattern));
    CHECK_FALSE(r.title.empty());
    CHECK_FALSE(r.description.empty());
    CHECK_FALSE(r.remediation.empty());
    CHECK(verify_rule(r.id) == &r);
  }
  CHECK(verify_rule("kv-purge-protection") == nullptr);
  // The rule text names the key sizes the check accepts.
  for (const int bits : kCmkRsaKeyBits) {
    CHECK(verify_rule("verify-key-type")->title.find(std::to_string(bits)) != std::string::npos);
  }
  CHECK(verify_rule("verify-key-enabled")->severity == Severity::Critical);
  CHECK(verify_rule("verify-key-operations")->severity == Severity::Critical);
  CHECK(verify_rule("verify-canary")->severity == Severity::Critical);
  CHECK(verify_rule("verify-key-recoverable")->severity == Severity::High);
  CHECK(verify_rule("verify-key-reference")->severity == Severity::High);
}

TEST_CASE("verify results become scan findings located in the template") {
  TempDir dir;
  auto v = Vault::create(dir / "kv", {"contoso", true, 90, true});
  REQUIRE(v.ok());
  REQUIRE(v->create_key("cmk", 2048).ok());
  const std::string tmpl = dir / "t.json";
  write_all(tmpl, R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
     "properties": {"mode": "Incremental", "template": {"resources": [
      {"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
       "name": "face", "condition": "[equals(resourceGroup().location, 'westeurope')]",
       "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
         "keyVaultUri": "https://contoso.vault.azure.net", "keyName": "cmk"}}}}]}}}]
})");
  VerifyOptions options;
  options.templates = {tmpl, dir / "absent.json"};
  options.now = system_now();
  const VerifyRun run = verify_templates(options, *v);
  CHECK(run.files == 2);
  REQUIRE(run.templates.size() == 1);
  CHECK(cmk::has_errors(run.diagnostics));  // absent.json
  const cmk::pipeline::ScanResult result = to_scan_result(run);
  CHECK(result.stats.files == 2);
  CHECK(result.stats.templates == 1);
  CHECK(result.stats.resources == 2);  // the deployment and the account
  REQUIRE(result.findings.size() == 8);
  for (const auto& f : result.findings) {
    INFO(f.rule->id);
    CHECK(f.result == cmk::rules::Outcome::Pass);
    CHECK(f.file == tmpl);
    CHECK(f.line == 8);
    CHECK(f.column == 95);  // keyVaultProperties
    CHECK(f.resource_line == 6);
    CHECK(f.resource_type == "Microsoft.CognitiveServices/accounts");
    CHECK(f.evaluated_name == "face");
    CHECK(f.deployment_path == std::vector<std::string>{"inner"});
    CHECK(f.condition == "[equals(resourceGroup().location, 'westeurope')]");
  }
}
