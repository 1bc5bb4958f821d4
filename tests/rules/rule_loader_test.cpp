#include "rules/rule_loader.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "json/reader.hpp"
#include "rules/condition_eval.hpp"
#include "rules/embedded_rules.hpp"
#include "test_support.hpp"

using namespace cmk;
using namespace cmk::rules;

namespace {
const std::string kHead = "id: t\ntitle: T\nseverity: high\nresource: X/y\nmessage: m\n";

Diagnostic only_error(const std::string& text) {
  RuleLoadResult r = load_rule_text("r.yaml", text);
  CHECK(r.rules.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].level == DiagnosticLevel::Error);
  return r.diagnostics[0];
}
}  // namespace

TEST_CASE("a bad rule is an error naming its file, line and what is wrong") {
  Diagnostic d = only_error(kHead + "asert:\n  path: a\n  equals: 1\n");
  CHECK(d.file == "r.yaml");
  CHECK(d.line == 6);
  CHECK(d.message == "unknown key 'asert' in rule (did you mean 'assert'?)");

  d = only_error(kHead + "assert:\n  path: a\n  equal: 1\n");
  CHECK(d.line == 8);
  CHECK(d.message.find("unknown key 'equal' in condition (did you mean 'equals'?)") == 0);

  d = only_error(kHead + "assert:\n  path: a\n  equals: 1\n  in: [1]\n");
  CHECK(d.message.find("exactly one operator") != std::string::npos);

  d = only_error(kHead + "assert:\n  path: a\n  matches: '(unclosed'\n");
  CHECK(d.message.find("invalid regular expression") == 0);
  CHECK(d.line == 8);

  d = only_error(kHead + "assert:\n  path: a..b\n  equals: 1\n");
  CHECK(d.message.find("invalid path 'a..b'") == 0);

  d = only_error(kHead + "assert:\n  path: a\n  greater: ten\n");
  CHECK(d.message == "'greater' takes a number");

  d = only_error("id: Bad_Id\n");
  CHECK(d.message.find("id must be lower-case") == 0);

  d = only_error(kHead);
  CHECK(d.message == "rule has no 'assert'");

  d = only_error(kHead + "assert: [unclosed\n");
  CHECK(d.line > 0);  // YAML syntax errors keep their place too
}

TEST_CASE("every shipped rule loads, with complete metadata") {
  RuleLoadResult r = load_rule_paths({(test::source_dir() / "rules").string()});
  for (const Diagnostic& d : r.diagnostics) FAIL(format_diagnostic(d));
  REQUIRE(r.rules.size() >= 7);
  for (const Rule& rule : r.rules) {
    INFO(rule.id);
    CHECK_FALSE(rule.title.empty());
    CHECK_FALSE(rule.description.empty());
    CHECK_FALSE(rule.remediation.empty());
    CHECK_FALSE(rule.references.empty());
    CHECK_FALSE(rule.compliance.empty());
    CHECK(rule.source.file.find(rule.id + ".yaml") != std::string::npos);
  }
  // The binary carries the same rules.
  RuleLoadResult builtin = builtin_rules();
  CHECK(builtin.diagnostics.empty());
  CHECK(builtin.rules.size() == r.rules.size());
}

TEST_CASE("duplicate rule ids are an error naming both files") {
  RuleLoadResult a = load_rule_text("a.yaml", kHead + "assert: {path: a, equals: 1}\n");
  merge_rules(a, load_rule_text("b.yaml", kHead + "assert: {path: a, equals: 1}\n"));
  REQUIRE(a.diagnostics.size() == 1);
  CHECK(a.diagnostics[0].message == "duplicate rule id 't' (also in a.yaml)");
}

TEST_CASE("normalize: location is checked when the rule loads") {
  Diagnostic d = only_error(kHead + "assert:\n  path: location\n  equals: westeurope\n" +
                            "  normalize: locaton\n");
  CHECK(d.line == 9);
  CHECK(d.column == 14);
  CHECK(d.message == "normalize takes 'location' (did you mean 'location'?)");

  d = only_error(kHead + "assert:\n  path: a\n  greater: 1\n  normalize: location\n");
  CHECK(d.line == 9);
  CHECK(d.message.find("normalize applies to text comparisons, not 'greater'") == 0);

  d = only_error(kHead + "assert:\n  path: a\n  equals: x\n  normalize: location\n" +
                 "  ignoreCase: false\n");
  CHECK(d.line == 10);
  CHECK(d.message == "normalize: location ignores case; remove 'ignoreCase: false'");

  RuleLoadResult r = load_rule_text(
      "r.yaml", kHead + "assert:\n  path: location\n  in: [westeurope]\n  normalize: location\n");
  REQUIRE(r.rules.size() == 1);
  const Test& t = std::get<Test>(r.rules[0].assertion->node);
  CHECK(t.normalize == Normalize::Location);
  CHECK(t.ignore_case);  // implied
}

namespace {
const std::string kCmk =
    "    path: properties.encryption.keySource\n"
    "    equals: Microsoft.KeyVault\n"
    "    ignoreCase: true\n";
const std::string kShared = "conditions:\n  uses-cmk:\n" + kCmk;

RuleLoadResult with_shared(const std::string& rule, const std::string& shared = kShared) {
  return load_rule_set({{"rules/common.conditions.yaml", shared}, {"rules/r.yaml", rule}});
}

json::Value resource(const std::string& json_text) {
  json::ParseResult p = json::parse(json::SourceText("r.json", json_text));
  REQUIRE(p.root);
  return *p.root;
}

Truth when_truth(const Rule& rule, const std::string& json_text) {
  return evaluate(*rule.when, resource(json_text), "2024-10-01").truth;
}
}  // namespace

TEST_CASE("use: a rule's own named condition") {
  RuleLoadResult r = load_rule_text("r.yaml", kHead + "conditions:\n  uses-cmk:\n" + kCmk +
                                                  "when:\n  use: uses-cmk\n" +
                                                  "assert:\n  not: {use: uses-cmk}\n");
  for (const Diagnostic& d : r.diagnostics) FAIL(format_diagnostic(d));
  REQUIRE(r.rules.size() == 1);
  // Expanded when loaded: evaluation sees the test itself.
  const Test& t = std::get<Test>(r.rules[0].when->node);
  CHECK(t.path.text == "properties.encryption.keySource");
  CHECK(t.ignore_case);
  CHECK(std::holds_alternative<Not>(r.rules[0].assertion->node));
  CHECK(when_truth(r.rules[0],
                   R"({"properties":{"encryption":{"keySource":"microsoft.keyvault"}}})") ==
        Truth::True);
  CHECK(when_truth(r.rules[0], R"({"properties":{}})") == Truth::False);
}

TEST_CASE("use: a shared condition from a *.conditions.yaml file of the same set") {
  RuleLoadResult r =
      with_shared(kHead + "when: {use: uses-cmk}\nassert: {path: sku.name, equals: E0}\n");
  for (const Diagnostic& d : r.diagnostics) FAIL(format_diagnostic(d));
  REQUIRE(r.rules.size() == 1);  // the conditions file is not a rule
  CHECK(std::get<Test>(r.rules[0].when->node).path.text == "properties.encryption.keySource");

  // A rule's own name shadows a shared one.
  r = with_shared(kHead + "conditions:\n  uses-cmk: {path: kind, equals: Face}\n" +
                  "when: {use: uses-cmk}\nassert: {path: a, equals: 1}\n");
  REQUIRE(r.rules.size() == 1);
  CHECK(std::get<Test>(r.rules[0].when->node).path.text == "kind");

  // Shared conditions may use each other, across files; they do not see a rule's names.
  const std::string face = "conditions:\n  face-cmk:\n    allOf:\n      - use: uses-cmk\n" +
                           std::string("      - {path: kind, equals: Face}\n");
  r = load_rule_set({{"a/face.conditions.yaml", face},
                     {"b/common.conditions.yml", kShared},
                     {"r.yaml", kHead + "conditions:\n  uses-cmk: {path: x, equals: 1}\n" +
                                    "when: {use: face-cmk}\nassert: {path: a, equals: 1}\n"}});
  for (const Diagnostic& d : r.diagnostics) FAIL(format_diagnostic(d));
  REQUIRE(r.rules.size() == 1);
  const auto& parts = std::get<AllOf>(r.rules[0].when->node).parts;
  CHECK(std::get<Test>(parts[0].node).path.text == "properties.encryption.keySource");

  // The binary carries the shipped conditions file beside the built-in rules.
  const auto embedded = embedded_rules();
  CHECK(std::any_of(embedded.begin(), embedded.end(), [](const EmbeddedRule& e) {
    return std::string(e.path) == "rules/common.conditions.yaml" && is_conditions_file(e.path);
  }));
  CHECK_FALSE(is_conditions_file("rules/keyvault/kv-soft-delete.yaml"));
}

TEST_CASE("use: an unknown name is an error with a suggestion") {
  RuleLoadResult r = with_shared(kHead + "assert:\n  use: uses-cmc\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].file == "rules/r.yaml");
  CHECK(r.diagnostics[0].line == 7);
  CHECK(r.diagnostics[0].column == 8);
  CHECK(r.diagnostics[0].message == "no condition named 'uses-cmc' (did you mean 'uses-cmk'?)");
  CHECK(r.diagnostics[0].source_line == "  use: uses-cmc");

  Diagnostic d = only_error(kHead + "conditions:\n  is-face: {path: kind, equals: Face}\n" +
                            "assert:\n  anyOf:\n    - use: is-fcae\n");
  CHECK(d.line == 10);
  CHECK(d.message == "no condition named 'is-fcae' (did you mean 'is-face'?)");

  d = only_error(kHead + "assert:\n  use: is-face\n  path: a\n");
  CHECK(d.message == "'use' must stand alone in its condition");

  d = only_error(kHead +
                 "conditions:\n  IsFace: {path: kind, equals: Face}\nassert: {path: a, "
                 "equals: 1}\n");
  CHECK(d.line == 7);
  CHECK(d.message == "a condition name is lower-case words joined by dashes, e.g. uses-cmk");

  // A named condition is checked even when unused.
  d = only_error(kHead +
                 "conditions:\n  is-face: {path: kind, equal: Face}\nassert: {path: a, "
                 "equals: 1}\n");
  CHECK(d.line == 7);
  CHECK(d.message.find("unknown key 'equal' in condition") == 0);
}

TEST_CASE("use: a cycle is an error naming it") {
  Diagnostic d = only_error(kHead + "conditions:\n  a:\n    use: b\n  b:\n    not: {use: a}\n" +
                            "assert: {use: a}\n");
  CHECK(d.line == 10);
  CHECK(d.column == 16);
  CHECK(d.message == "condition 'a' uses itself: a -> b -> a");

  d = only_error(kHead +
                 "conditions:\n  a:\n    anyOf: [{use: a}]\nassert: {path: x, equals: 1}\n");
  CHECK(d.message == "condition 'a' uses itself: a -> a");

  // In a conditions file: reported once, there; a rule that uses it is told where to look.
  RuleLoadResult r = with_shared(kHead + "assert: {use: b}\n",
                                 "conditions:\n  a: {use: b}\n  b: {not: {use: a}}\n");
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].file == "rules/common.conditions.yaml");
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].message == "condition 'a' uses itself: a -> b -> a");
  CHECK(r.diagnostics[1].file == "rules/r.yaml");
  CHECK(r.diagnostics[1].line == 6);
  CHECK(r.diagnostics[1].message == "condition 'b' has errors (in rules/common.conditions.yaml)");
}

TEST_CASE("conditions files: only named conditions, each name once per set") {
  RuleLoadResult r = with_shared(kHead + "assert: {path: a, equals: 1}\n",
                                 "id: x\nconditions:\n  a: {path: a, equals: 1}\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].line == 1);
  CHECK(r.diagnostics[0].message.find("unknown key 'id' in a conditions file") == 0);

  r = load_rule_set({{"a.conditions.yaml", kShared}, {"b.conditions.yaml", kShared}});
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].file == "b.conditions.yaml");
  CHECK(r.diagnostics[0].line == 2);
  CHECK(r.diagnostics[0].message == "condition 'uses-cmk' is also defined in a.conditions.yaml");

  // A shared condition that names a relation: checked against each rule that uses it.
  r = with_shared(kHead + "assert: {use: vault-purge}\n",
                  "conditions:\n  vault-purge: {of: store, path: p, equals: true}\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].file == "rules/r.yaml");
  CHECK(r.diagnostics[0].line == 6);
  CHECK(r.diagnostics[0].message ==
        "'store' names no relation of rule t (in condition 'vault-purge')");
}

TEST_CASE("use: expansion is bounded") {
  // Each level uses the one below twice: 2^30 tests if expanded blindly.
  std::string text = kHead + "conditions:\n  l0: {path: a, equals: 1}\n";
  for (int i = 1; i <= 30; ++i) {
    text += "  l" + std::to_string(i) + ": {allOf: [{use: l" + std::to_string(i - 1) +
            "}, {use: l" + std::to_string(i - 1) + "}]}\n";
  }
  Diagnostic d = only_error(text + "assert: {use: l30}\n");
  CHECK(d.message.find("conditions expand to more than 10000 nodes in one rule") == 0);
}
