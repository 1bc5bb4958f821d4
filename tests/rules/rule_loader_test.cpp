#include "rules/rule_loader.hpp"

#include <catch2/catch.hpp>

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
