// Cross-resource rules: relations bind the related resource; tests read it with `of`.

#include <catch2/catch.hpp>

#include "arm/template_model.hpp"
#include "rules/engine.hpp"
#include "rules/rule_loader.hpp"

using namespace cmk;
using namespace cmk::rules;

namespace {

const std::string kRule = R"(id: t-region
title: same region
severity: high
resource: Microsoft.CognitiveServices/accounts
message: "{name} differs"
relations:
  vault:
    resource: Microsoft.KeyVault/vaults
    match:
      path: name
      equals: {path: properties.uri, capture: '^https://([^./]+)\.'}
      ignoreCase: true
    missing: MISSING
assert:
  path: location
  equals: {path: location, of: vault}
)";

std::vector<Finding> run(const std::string& missing, const std::string& resources) {
  std::string rule_text = kRule;
  rule_text.replace(rule_text.find("MISSING"), 7, missing);
  RuleLoadResult rules = load_rule_text("r.yaml", rule_text);
  for (const auto& d : rules.diagnostics) FAIL(format_diagnostic(d));
  static std::vector<arm::InputFile> keep;  // findings point into the file's tree
  arm::LoadResult f = arm::load_text(
      "t.json",
      R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "parameters": {"p": {"type": "string"}}, "resources": [)" +
          resources + "]}");
  REQUIRE(f.file);
  keep.push_back(std::move(*f.file));
  static std::vector<RuleLoadResult> keep_rules;
  keep_rules.push_back(std::move(rules));
  return run_rules(keep_rules.back().rules, arm::build_model(keep.back()));
}

const std::string kVault =
    R"({"type": "Microsoft.KeyVault/vaults", "name": "kv1", "location": "westeurope", "properties": {}})";
std::string account(const std::string& location, const std::string& uri) {
  return R"({"type": "Microsoft.CognitiveServices/accounts", "name": "a", "location": ")" +
         location + R"(", "properties": {"uri": ")" + uri + R"("}})";
}

}  // namespace

TEST_CASE("a relation binds the matching resource; tests with `of` read it") {
  auto f = run("unknown", kVault + "," + account("westeurope", "https://KV1.vault.azure.net"));
  REQUIRE(f.size() == 1);
  CHECK(f[0].result == Outcome::Pass);

  f = run("unknown", kVault + "," + account("northeurope", "https://kv1.vault.azure.net/"));
  REQUIRE(f.size() == 1);
  CHECK(f[0].result == Outcome::Fail);
  // The finding names the vault as a related place.
  REQUIRE(f[0].related.size() == 1);
  CHECK(f[0].related[0].message == "vault: Microsoft.KeyVault/vaults 'kv1'");
  CHECK(f[0].related[0].line == 2);
}

TEST_CASE("what a missing or undecidable relation gives") {
  const std::string elsewhere =
      kVault + "," + account("westeurope", "https://other.vault.azure.net/");
  CHECK(run("unknown", elsewhere).at(0).result == Outcome::Unknown);
  CHECK(run("fail", elsewhere).at(0).result == Outcome::Fail);
  CHECK(run("pass", elsewhere).at(0).result == Outcome::Pass);
  CHECK(run("skip", elsewhere).empty());
  // The URI is a parameter without value: which vault is meant is not known, whatever `missing`.
  const auto f = run("skip", kVault + "," + account("westeurope", "[parameters('p')]"));
  REQUIRE(f.size() == 1);
  CHECK(f[0].result == Outcome::Unknown);
  CHECK(f[0].unknown_reason.find("which resource is vault is not known") == 0);
}

TEST_CASE("relation names are checked when the rule loads") {
  std::string text = kRule;
  text.replace(text.find("MISSING"), 7, "unknown");
  text.replace(text.find("of: vault}"), 9, "of: vualt");
  RuleLoadResult r = load_rule_text("r.yaml", text);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "'vualt' names no relation of rule t-region");
  CHECK(r.diagnostics[0].line == 15);  // the test that names it

  text = kRule;
  text.replace(text.find("MISSING"), 7, "sometimes");
  r = load_rule_text("r.yaml", text);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "missing must be unknown, pass, fail or skip");
}
