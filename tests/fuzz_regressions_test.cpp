// Inputs the fuzzers found (tests/fuzz_regressions/), kept as regression tests.

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "arm/input_file.hpp"
#include "json/reader.hpp"
#include "rules/rule_loader.hpp"
#include "test_support.hpp"
#include "util/utf8.hpp"

using namespace cmk;

namespace {
std::string regression(const std::string& name) {
  return test::read_text(test::source_dir() / "tests" / "fuzz_regressions" / name);
}
}  // namespace

TEST_CASE("an escaped DEL before a raw tab decodes in order") {
  auto r =
      json::parse(json::SourceText("t", regression("json_reader/escaped-del-before-raw-tab.json")));
  REQUIRE(r.root);
  CHECK(r.root->items().at(0).as_string() == "\x7f\t");
}

TEST_CASE("a number beyond double range is an error, not infinity") {
  auto r = json::parse(
      json::SourceText("t", regression("json_reader/number-overflows-to-infinity.json")));
  CHECK_FALSE(r.root);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "number too big");
  // RapidJSON itself refuses 1e309; its wording is replaced by the same message.
  auto direct = json::parse(json::SourceText("t", "{\"a\": 1e309}"));
  CHECK_FALSE(direct.root);
  REQUIRE(direct.diagnostics.size() == 1);
  CHECK(direct.diagnostics[0].message == "number too big");
}

TEST_CASE("reports stay valid UTF-8 whatever the input holds") {
  CHECK(valid_utf8("ok \xc3\xa9") == "ok \xc3\xa9");
  CHECK(valid_utf8("bad \xff end") == "bad \xEF\xBF\xBD end");
  CHECK(valid_utf8("\xed\xa0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  const auto file =
      test::source_dir() / "tests/fuzz_regressions/template_scan/invalid-utf8-name-in-reports.json";
  for (const char* format : {"json", "sarif", "junit"}) {
    INFO(format);
    const auto r = test::run_cmkguard(std::string("scan --no-config --all --format ") + format +
                                      " '" + file.string() + "'");
    CHECK(valid_utf8(r.out) == r.out);
  }
}

TEST_CASE("YAML aliases cannot blow up a rule file") {
  // Exponential alias expansion (10^6 values), and an allOf tree expanding to 10^7 conditions:
  // both now caught as the document is measured, before any value is copied out of it.
  for (const char* name :
       {"rule_loader/alias-expansion-laughs.yaml", "rule_loader/alias-condition-tree.yaml"}) {
    INFO(name);
    const auto r = rules::load_rule_text("r.yaml", regression(name));
    REQUIRE(r.rules.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("with its aliases expanded") != std::string::npos);
  }
}

TEST_CASE("a template whose variables double a string 40 times ends in a budget error") {
  const auto file =
      test::source_dir() / "tests/fuzz_regressions/template_scan/expression-doubling.json";
  const auto r = test::run_cmkguard("scan --no-config '" + file.string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("evaluation budget exceeded") != std::string::npos);
}

TEST_CASE("thousands of duplicate keys give a bounded number of warnings") {
  std::string text = "{";
  for (int i = 0; i < 5000; ++i) text += "\"a\":0,";
  text += "\"b\":1}";
  auto r = json::parse(json::SourceText("t", text));
  REQUIRE(r.root);
  CHECK(r.diagnostics.size() == 20);
  CHECK(r.diagnostics.back().message == "more duplicate keys; the rest are not listed");
}
