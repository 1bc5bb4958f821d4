// Cross-resource rules: relations bind the related resource; tests read it with `of`.

#include <algorithm>
#include <catch2/catch.hpp>
#include <span>
#include <vector>

#include "arm/template_model.hpp"
#include "json/reader.hpp"
#include "rules/condition_eval.hpp"
#include "rules/engine.hpp"
#include "rules/link_targets.hpp"
#include "rules/relation_candidates.hpp"
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

TEST_CASE("a relation's candidates leave out only those that certainly do not match") {
  // The form candidates are grouped by (one equality of two literal strings), and the rule's own
  // form (a capture), which leaves every candidate to the full evaluation.
  std::string text = kRule;
  text.replace(text.find("MISSING"), 7, "unknown");
  text.replace(text.find("path: name"), 10, "path: properties.vaultUri");
  const std::string capture_option = ", capture: '^https://([^./]+)\\.'";
  text.replace(text.find(capture_option), capture_option.size(), "");
  const RuleLoadResult plain = load_rule_text("plain.yaml", text);
  for (const auto& d : plain.diagnostics) FAIL(format_diagnostic(d));
  std::string captured = kRule;
  captured.replace(captured.find("MISSING"), 7, "unknown");
  const RuleLoadResult capture = load_rule_text("capture.yaml", captured);
  for (const auto& d : capture.diagnostics) FAIL(format_diagnostic(d));
  const Relation& equality = plain.rules.at(0).relations.at(0);
  const Relation& with_capture = capture.rules.at(0).relations.at(0);

  auto parsed = [](const std::string& s) {
    return *json::parse(json::SourceText("v.json", s)).root;
  };
  const json::Value subject = parsed(R"({"properties": {"uri": "https://kv1.vault.azure.net/"}})");
  std::vector<json::Value> candidates;
  for (const char* uri : {R"("https://KV1.vault.azure.net/")", R"("https://kv2.vault.azure.net/")",
                          R"(5)", R"(null)", R"(["https://kv1.vault.azure.net/"])"}) {
    candidates.push_back(
        parsed(std::string(R"({"name": "kv1", "properties": {"vaultUri": )") + uri + "}}"));
  }
  candidates.push_back(parsed(R"({"name": "kv1", "properties": {}})"));
  json::Value symbolic = parsed(R"({"name": "kv1", "properties": {}})");
  symbolic.find("properties")->set("vaultUri", json::Value::symbolic("reference('kv').vaultUri"));
  candidates.push_back(symbolic);
  json::Value unknown = parsed(R"({"name": "kv1", "properties": {}})");
  unknown.find("properties")->set("vaultUri", json::Value::unknown("not known"));
  candidates.push_back(unknown);

  std::vector<arm::Resource> vaults;
  for (const json::Value& c : candidates) {
    arm::Resource r;
    r.type = "Microsoft.KeyVault/vaults";
    r.body = c;
    vaults.push_back(std::move(r));
  }
  const TypeIndex types(vaults);
  PathCache paths;
  EvalContext ctx{subject, "", {}, nullptr, {}, nullptr, &paths};
  const RelationCandidates grouped(equality, types, paths);
  const RelationCandidates ungrouped(with_capture, types, paths);
  std::vector<const arm::Resource*> storage;
  const std::span<const arm::Resource* const> visited = grouped.for_subject(ctx, storage);
  CHECK(std::is_sorted(visited.begin(), visited.end()));  // in the model's order
  size_t left_out = 0;
  for (const arm::Resource& v : vaults) {
    if (std::find(visited.begin(), visited.end(), &v) != visited.end()) continue;
    // Left out only when the full evaluation gives False.
    ++left_out;
    CHECK(matches_relation(equality, v.body, "", ctx).truth == Truth::False);
  }
  CHECK(left_out == 1);  // kv2; the same URI in other case matches, and the rest are not literal
  CHECK(matches_relation(equality, candidates[0], "", ctx).truth == Truth::True);
  std::vector<const arm::Resource*> other;
  CHECK(ungrouped.for_subject(ctx, other).size() == vaults.size());
  // A subject whose side is not a literal string is compared with every candidate.
  const json::Value unknown_subject = parsed(R"({"properties": {"uri": 5}})");
  EvalContext unknown_ctx{unknown_subject, "", {}, nullptr, {}, nullptr, &paths};
  CHECK(grouped.for_subject(unknown_ctx, other).size() == vaults.size());
}
