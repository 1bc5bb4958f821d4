// Finding fingerprints (baselines, SARIF partialFingerprints) do not depend on how a file was
// named or where the scan ran, and tell apart resources in different nested deployments.

#include <catch2/catch.hpp>
#include <set>

#include "json/reader.hpp"
#include "test_support.hpp"

using cmk::test::q;

using namespace cmk;
using test::run_cmkguard;

namespace {

const std::string kBadVault = cmk::test::kSoftDeleteOffVault;

// Runs the scan in `dir` and returns the findings' fingerprints in report order.
std::vector<std::string> fingerprints(const std::filesystem::path& dir, const std::string& args) {
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  const auto r = run_cmkguard("scan --no-config --format json " + args);
  std::filesystem::current_path(previous);
  json::ParseResult p = json::parse(json::SourceText("json", r.out));
  std::vector<std::string> out;
  if (!p.root) return out;
  for (const json::Value& f : p.root->find("findings")->items()) {
    if (const json::Value* fp = f.find("fingerprint")) out.push_back(fp->as_string());
  }
  return out;
}

std::string nested_vault(const std::string& deployment) {
  return R"({"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
      "name": ")" +
         deployment + R"(",
      "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"kvName": {"value": "[parameters('vaultName')]"}},
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "parameters": {"kvName": {"type": "string"}},
          "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
            "name": "[parameters('kvName')]",
            "properties": {"enableSoftDelete": false, "enablePurgeProtection": true}}]}}})";
}
}  // namespace

TEST_CASE("a fingerprint is the same however the path is typed and wherever the scan runs") {
  const auto file = test::write_temp("fprepo/t1/x.json", kBadVault);
  const auto repo = file.parent_path().parent_path();
  std::filesystem::create_directories(repo / ".git");
  std::filesystem::create_directories(repo / "sub" / "deeper");
  const auto expected = fingerprints(repo, "t1/x.json");
  REQUIRE(expected.size() == 1);
  CHECK(fingerprints(repo, "./t1/x.json") == expected);
  CHECK(fingerprints(repo, q(file)) == expected);
  CHECK(fingerprints(repo, "t1/../t1/x.json") == expected);
  CHECK(fingerprints(repo / "sub" / "deeper", "../../t1/x.json") == expected);
  CHECK(fingerprints(repo / "t1", "x.json") == expected);
  CHECK(fingerprints(repo, "t1") == expected);  // found by walking the directory

  // SARIF carries the same fingerprint.
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(repo / "t1");
  const auto sarif = run_cmkguard("scan --no-config --format sarif x.json");
  std::filesystem::current_path(previous);
  CHECK(sarif.out.find("\"cmkguardFinding/v2\": \"" + expected[0] + "\"") != std::string::npos);

  // Outside a repository the path is taken relative to the current directory.
  const auto plain = test::write_temp("fpplain/y.json", kBadVault);
  const auto here = fingerprints(plain.parent_path(), "y.json");
  REQUIRE(here.size() == 1);
  CHECK(fingerprints(plain.parent_path(), "./y.json") == here);
  CHECK(fingerprints(plain.parent_path(), q(plain)) == here);
  CHECK(here != expected);  // the file's path is part of the identity
}

TEST_CASE("same-named resources in different nested deployments have different fingerprints") {
  const auto file = test::write_temp("fpnested/main.json",
                                     R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"vaultName": {"type": "string", "defaultValue": "kv-shared"}},
  "resources": [)" + nested_vault("platform") +
                                         ",\n    " + nested_vault("workload") + R"(]
})");
  const auto fps = fingerprints(file.parent_path(), "main.json");
  REQUIRE(fps.size() == 2);
  CHECK(fps[0] != fps[1]);
  // A baseline written from one accepts both, and only because each is listed.
  const auto baseline = file.parent_path() / "baseline.json";
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(file.parent_path());
  CHECK(run_cmkguard("scan --no-config --write-baseline baseline.json main.json").exit_code == 0);
  const auto r = run_cmkguard("scan --no-config --baseline " + q(baseline) + " " + q(file));
  std::filesystem::current_path(previous);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("2 in baseline") != std::string::npos);
}
