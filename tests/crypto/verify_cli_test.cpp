// End-to-end tests of `cmkguard verify` (src/cli/verify_command.cpp) through the built binary:
// evaluated key references, parameter flags, report formats and exit codes.

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "cli_runner.hpp"
#include "crypto/file_helpers.hpp"
#include "json/reader.hpp"

using namespace cmk::crypto::testing;

namespace {
constexpr const char* kSchema =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
constexpr const char* kParametersSchema =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#";

// An account whose key reference comes entirely from parameters; `key_name_default` empty gives
// keyName no default value.
std::string parameterised_template(const std::string& key_name_default) {
  const std::string key_default =
      key_name_default.empty() ? "" : R"(, "defaultValue": ")" + key_name_default + "\"";
  return std::string(R"({
  "$schema": ")") +
         kSchema + R"(",
  "parameters": {
    "vaultName": {"type": "string", "defaultValue": "contoso"},
    "keyName": {"type": "string")" +
         key_default + R"(},
    "keyVersion": {"type": "string", "defaultValue": ""}
  },
  "resources": [{
    "type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
    "name": "[format('face-{0}', parameters('vaultName'))]",
    "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
      "keyVaultUri": "[format('https://{0}.vault.azure.net/', parameters('vaultName'))]",
      "keyName": "[parameters('keyName')]",
      "keyVersion": "[parameters('keyVersion')]"}}}}]
})";
}

std::string parameters_file(const std::string& key_name) {
  return std::string(R"({"$schema": ")") + kParametersSchema +
         R"(", "contentVersion": "1.0.0.0", "parameters": {"keyName": {"value": ")" + key_name +
         R"("}}})";
}

// A key store "contoso" with key "cmk"; `purge_protection` as asked.
void make_store(const std::string& kv, bool purge_protection = true) {
  std::vector<std::string> create = {"crypt", "vault", "create", kv, "--name", "contoso"};
  if (purge_protection) create.push_back("--purge-protection");
  REQUIRE(run_cmkguard(create).exit_code == 0);
  REQUIRE(run_cmkguard({"crypt", "key", "create", kv, "cmk"}).exit_code == 0);
}

cmk::json::Value parse_report(const std::string& path) {
  auto parsed = cmk::json::parse(cmk::json::SourceText(path, read_all(path)));
  REQUIRE(parsed.root);
  return std::move(*parsed.root);
}
}  // namespace

TEST_CASE("cmkguard verify: exit codes and located output") {
  TempDir dir;
  const std::string kv = dir / "kv";
  make_store(kv);
  write_all(dir / "good.json", std::string(R"({"$schema": ")") + kSchema + R"(",
  "resources": [{
    "type": "Microsoft.CognitiveServices/accounts", "name": "face",
    "properties": {"encryption": {"keySource": "Microsoft.KeyVault",
      "keyVaultProperties": {"keyVaultUri": "https://contoso.vault.azure.net/", "keyName": "cmk"}}}}]
})");
  write_all(
      dir / "expr.json",
      std::string(R"({"$schema": ")") + kSchema +
          R"(", "parameters": {"u": {"type": "string"}}, "resources": [{"type": "Microsoft.CognitiveServices/accounts", "name": "f",
    "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
      "keyVaultUri": "[parameters('u')]", "keyName": "cmk"}}}}]})");
  auto good = run_cmkguard({"verify", dir / "good.json", "--keystore", kv});
  CHECK(good.exit_code == 0);
  CHECK_THAT(good.out, Catch::Contains("0 failed, 0 unknown, 8 passed"));
  auto expr = run_cmkguard({"verify", dir / "expr.json", "--keystore", kv});
  CHECK(expr.exit_code == 0);
  CHECK_THAT(expr.out, Catch::Contains(dir / "expr.json:3:22: high: unknown: ") &&
                           Catch::Contains("parameter 'u' has no value") &&
                           Catch::Contains("[verify-key-reference]"));
  CHECK(run_cmkguard({"verify", dir / "expr.json", "--keystore", kv, "--unknown", "fail"})
            .exit_code == 1);
  CHECK_THAT(
      run_cmkguard({"verify", dir / "expr.json", "--keystore", kv, "--unknown", "ignore"}).out,
      !Catch::Contains("verify-key-reference"));
  REQUIRE(run_cmkguard({"crypt", "key", "disable", kv, "cmk"}).exit_code == 0);
  auto disabled = run_cmkguard({"verify", dir / "good.json", "--keystore", kv});
  CHECK(disabled.exit_code == 1);
  CHECK_THAT(disabled.out,
             Catch::Contains(
                 dir / "good.json:5:29: critical: key https://contoso.vault.azure.net/keys/cmk/") &&
                 Catch::Contains("is disabled") && Catch::Contains("[verify-key-enabled]"));
  CHECK(run_cmkguard({"verify", dir / "good.json"}).exit_code == 2);
  CHECK(run_cmkguard({"verify", dir / "missing.json", "--keystore", kv}).exit_code == 2);
  CHECK(
      run_cmkguard({"verify", dir / "good.json", "--keystore", kv, "--format", "yaml"}).exit_code ==
      2);
  CHECK(run_cmkguard({"verify", dir / "good.json", "--keystore", kv, "--param", "novalue"})
            .exit_code == 2);
  CHECK(run_cmkguard({"verify", dir / "good.json", "--keystore", kv, "--bogus"}).exit_code == 2);
  CHECK(run_cmkguard({"verify", "--help"}).exit_code == 0);
  write_all(dir / "broken.json", "{ not json");
  CHECK(run_cmkguard({"verify", dir / "broken.json", "--keystore", kv}).exit_code == 2);
  write_all(dir / "p.json", parameters_file("cmk"));
  auto params_as_template = run_cmkguard({"verify", dir / "p.json", "--keystore", kv});
  CHECK(params_as_template.exit_code == 2);
  CHECK_THAT(params_as_template.out, Catch::Contains("is a parameters file"));
  // Read as scan reads it: JSON without a deployment $schema is not taken for a template.
  write_all(dir / "no-schema.json", R"({"resources": []})");
  auto no_schema = run_cmkguard({"verify", dir / "no-schema.json", "--keystore", kv});
  CHECK(no_schema.exit_code == 2);
  CHECK_THAT(no_schema.out, Catch::Contains("no-schema.json: error: is neither an ARM template"));
}

TEST_CASE("cmkguard verify evaluates the template: parameters, files, overrides, context") {
  TempDir dir;
  const std::string kv = dir / "kv";
  make_store(kv);

  SECTION("defaults resolve the key end to end") {
    write_all(dir / "defaults.json", parameterised_template("cmk"));
    auto run = run_cmkguard({"verify", dir / "defaults.json", "--keystore", kv, "--all"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("account 'face-contoso' references key 'cmk' in "
                                        "https://contoso.vault.azure.net/ (latest version)") &&
                            Catch::Contains("canary envelope round trip") &&
                            Catch::Contains("0 failed, 0 unknown, 8 passed"));
  }
  SECTION("a parameter without a value stays unknown until a value is given") {
    write_all(dir / "t.json", parameterised_template(""));
    auto unknown = run_cmkguard({"verify", dir / "t.json", "--keystore", kv});
    CHECK(unknown.exit_code == 0);
    CHECK_THAT(unknown.out,
               Catch::Contains("properties.encryption.keyVaultProperties.keyName is not known "
                               "before deployment: parameter 'keyName' has no value") &&
                   Catch::Contains("0 failed, 1 unknown, 0 passed"));
    CHECK(
        run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "--unknown", "fail"}).exit_code ==
        1);

    auto given =
        run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "--param", "keyName=cmk"});
    CHECK(given.exit_code == 0);
    CHECK_THAT(given.out, Catch::Contains("0 failed, 0 unknown, 8 passed"));

    // X.parameters.json beside X.json is read unless --no-auto-parameters.
    write_all(dir / "t.parameters.json", parameters_file("cmk"));
    CHECK_THAT(run_cmkguard({"verify", dir / "t.json", "--keystore", kv}).out,
               Catch::Contains("0 failed, 0 unknown, 8 passed"));
    CHECK_THAT(
        run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "--no-auto-parameters"}).out,
        Catch::Contains("1 unknown"));

    // A given file overrides the paired one; --param overrides both.
    write_all(dir / "other.json", parameters_file("nope"));
    auto other =
        run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "-p", dir / "other.json"});
    CHECK(other.exit_code == 1);
    CHECK_THAT(other.out, Catch::Contains("keys/nope") && Catch::Contains("[verify-key-found]"));
    CHECK(run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "--parameters",
                        dir / "other.json", "--param", "keyName=cmk"})
              .exit_code == 0);
    CHECK(run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "--parameters", dir / "t.json"})
              .exit_code == 2);  // not a parameters file
  }
  SECTION("deployment-context values are unknown until given") {
    write_all(dir / "ctx.json", std::string(R"({"$schema": ")") + kSchema + R"(", "resources": [{
      "type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "face",
      "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
        "keyVaultUri": "[format('https://{0}.vault.azure.net', resourceGroup().name)]",
        "keyName": "cmk"}}}}]})");
    auto symbolic = run_cmkguard({"verify", dir / "ctx.json", "--keystore", kv});
    CHECK(symbolic.exit_code == 0);
    CHECK_THAT(symbolic.out, Catch::Contains("unknown: ") &&
                                 Catch::Contains("deployment-context value") &&
                                 Catch::Contains("resourceGroup().name"));
    auto concrete = run_cmkguard({"verify", dir / "ctx.json", "--keystore", kv, "--resource-group",
                                  "contoso", "--location", "westeurope", "--subscription-id",
                                  "00000000-0000-0000-0000-000000000000", "--tenant-id",
                                  "11111111-1111-1111-1111-111111111111"});
    CHECK(concrete.exit_code == 0);
    CHECK_THAT(concrete.out, Catch::Contains("0 failed, 0 unknown, 8 passed"));
  }
  SECTION("reference() of the vault the template declares, as in samples/good-face-cmk.json") {
    const std::string sample = std::string(CMKGUARD_SOURCE_DIR) + "/samples/good-face-cmk.json";
    const std::string face_kv = dir / "face-kv";
    REQUIRE(run_cmkguard({"crypt", "vault", "create", face_kv, "--name", "contoso-face-kv",
                          "--purge-protection"})
                .exit_code == 0);
    REQUIRE(run_cmkguard({"crypt", "key", "create", face_kv, "face-cmk"}).exit_code == 0);
    auto run = run_cmkguard({"verify", sample, "--keystore", face_kv});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("0 failed, 0 unknown, 8 passed"));
    // The wrong key store names the vault it expected.
    auto wrong = run_cmkguard({"verify", sample, "--keystore", kv});
    CHECK(wrong.exit_code == 1);
    CHECK_THAT(wrong.out, Catch::Contains("uses vault 'contoso-face-kv' but the key store is vault "
                                          "'contoso'"));
  }
}

TEST_CASE("cmkguard verify reports like scan: JSON per the report schema, SARIF, severities") {
  TempDir dir;
  const std::string kv = dir / "kv";
  make_store(kv, /*purge_protection=*/false);
  write_all(dir / "t.json", parameterised_template("cmk"));
  write_all(dir / "none.json",
            std::string(R"({"$schema": ")") + kSchema + R"(", "resources": []})");

  // Only verify-key-recoverable fails, and it is high: --fail-on critical lets it through.
  auto text = run_cmkguard({"verify", dir / "t.json", "--keystore", kv});
  CHECK(text.exit_code == 1);
  CHECK_THAT(text.out, Catch::Contains("high: vault https://contoso.vault.azure.net lacks purge "
                                       "protection") &&
                           Catch::Contains("[verify-key-recoverable]"));
  CHECK(run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "--fail-on", "critical"})
            .exit_code == 0);
  CHECK(
      run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "--fail-on", "severe"}).exit_code ==
      2);

  const std::string out = dir / "report.json";
  REQUIRE(run_cmkguard({"verify", dir / "t.json", dir / "none.json", "--keystore", kv, "--format",
                        "json", "--all", "-o", out})
              .exit_code == 1);
  const cmk::json::Value report = parse_report(out);
  for (const char* key : {"version", "tool", "findings", "diagnostics", "summary"}) {
    INFO(key);
    CHECK(report.find(key));
  }
  CHECK(report.find("version")->as_string() == "1");
  const auto& findings = report.find("findings")->items();
  REQUIRE(findings.size() == 9);  // 8 checks on the account, 1 for the template without one
  std::set<std::string> severities;
  for (const auto& f : findings) {
    for (const char* key : {"rule", "result", "severity", "title", "message", "file", "line",
                            "column", "type", "name", "resourceLine"}) {
      INFO(key);
      CHECK(f.find(key));
    }
    CHECK(f.find("line")->as_int() >= 1);
    CHECK(f.find("column")->as_int() >= 1);
    CHECK(f.find("resourceLine")->as_int() >= 1);
    CHECK_FALSE(f.find("title")->as_string().empty());
    severities.insert(f.find("severity")->as_string());
  }
  CHECK(severities == std::set<std::string>{"critical", "high"});
  CHECK(findings[0].find("rule")->as_string() == "verify-key-reference");
  CHECK(findings[0].find("type")->as_string() == "Microsoft.CognitiveServices/accounts");
  CHECK(findings[0].find("name")->as_string() == "[format('face-{0}', parameters('vaultName'))]");
  CHECK(findings[0].find("evaluatedName")->as_string() == "face-contoso");
  CHECK(findings[0].find("resourceLine")->as_int() == 8);
  CHECK(findings[8].find("result")->as_string() == "fail");
  CHECK_THAT(findings[8].find("message")->as_string(),
             Catch::Contains("deploys no Microsoft.CognitiveServices/accounts"));
  const cmk::json::Value& summary = *report.find("summary");
  CHECK(summary.find("files")->as_int() == 2);
  CHECK(summary.find("templates")->as_int() == 2);
  CHECK(summary.find("failed")->as_int() == 2);
  CHECK(summary.find("passed")->as_int() == 7);
  CHECK(summary.find("failing")->as_int() == 2);
  CHECK(summary.find("failOn")->as_string() == "high");

  // Unknown results carry the reason and the blocking expression.
  write_all(dir / "u.json", parameterised_template(""));
  REQUIRE(run_cmkguard({"verify", dir / "u.json", "--keystore", kv, "--format", "json", "-o", out})
              .exit_code == 0);
  const cmk::json::Value unknown = parse_report(out);
  REQUIRE(unknown.find("findings")->items().size() == 1);
  const cmk::json::Value& u = unknown.find("findings")->items()[0];
  CHECK(u.find("result")->as_string() == "unknown");
  CHECK(u.find("path")->as_string() == "properties.encryption.keyVaultProperties.keyName");
  CHECK(u.find("unknown")->find("reason")->as_string() == "parameter 'keyName' has no value");
  CHECK(u.find("unknown")->find("expression")->as_string() == "parameters('keyName')");

  REQUIRE(run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "--format", "sarif", "-o", out})
              .exit_code == 1);
  const cmk::json::Value sarif = parse_report(out);
  const cmk::json::Value& run = sarif.find("runs")->items().at(0);
  CHECK(run.find("tool")->find("driver")->find("rules")->items().size() == 8);
  const auto& results = run.find("results")->items();
  REQUIRE(results.size() == 1);
  CHECK(results[0].find("ruleId")->as_string() == "verify-key-recoverable");
  CHECK(results[0].find("level")->as_string() == "error");

  auto junit = run_cmkguard({"verify", dir / "t.json", "--keystore", kv, "--format", "junit"});
  CHECK(junit.exit_code == 1);
  CHECK_THAT(junit.out,
             Catch::Contains("<testsuites") && Catch::Contains("verify-key-recoverable"));
}
