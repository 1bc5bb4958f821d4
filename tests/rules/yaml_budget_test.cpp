// Rule and configuration files whose YAML aliases expand to gigabytes, or whose conditions
// expand to millions, are errors found before anything is copied out of them.

#include "rules/yaml_budget.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "rules/config.hpp"
#include "rules/rule_loader.hpp"

using namespace cmk;
using namespace cmk::rules;

namespace {

const std::string kHead = "id: t\ntitle: T\nseverity: high\nresource: X/y\nmessage: m\n";

}  // namespace

TEST_CASE("yaml: a document is measured with its aliases expanded", "[yaml-budget]") {
  CHECK_FALSE(find_oversize(YAML::Load("a: &x [1, 2]\nb: *x\n"), 1000));
  const auto over = find_oversize(YAML::Load("a: &x " + std::string(600, 'x') + "\nb: *x\n"), 1000);
  REQUIRE(over);
  CHECK(over->mark.line == 0);
  CHECK(over->message ==
        "the document is larger than 0 MiB with its aliases expanded (an alias of a large value "
        "used too often?)");
}

TEST_CASE("yaml: 20k aliases of a 1 MB scalar in a rule file are an error", "[yaml-budget]") {
  // This took 9-10 GB: every alias became a copy of the scalar.
  const auto start = std::chrono::steady_clock::now();
  std::string text = "id: t\ntitle: &big " + std::string(1 << 20, 'b') +
                     "\nseverity: high\nresource: X/y\nmessage: m\n"
                     "assert: {path: a, exists: true}\nreferences: [";
  for (int i = 0; i < 20000; ++i) text += i ? ", *big" : "*big";
  const RuleLoadResult r = load_rule_text("r.yaml", text + "]\n");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  CHECK(r.rules.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].file == "r.yaml");
  CHECK(r.diagnostics[0].line == 2);  // the anchored title
  CHECK(r.diagnostics[0].message.find("larger than 16 MiB with its aliases expanded") !=
        std::string::npos);
}

TEST_CASE("yaml: an allOf tree expanding through aliases to 1e7 conditions is an error",
          "[yaml-budget]") {
  // 573 bytes that stood for 10^7 conditions and took 9-10 GB.
  std::string text = kHead + "assert:\n  allOf:\n    - &c0 {path: a, exists: true}\n";
  for (int i = 1; i <= 7; ++i) {
    text += "    - &c" + std::to_string(i) + " {allOf: [";
    for (int k = 0; k < 10; ++k) text += (k ? ", *c" : "*c") + std::to_string(i - 1);
    text += "]}\n";
  }
  const RuleLoadResult r = load_rule_text("r.yaml", text);
  REQUIRE(r.diagnostics.size() == 1);
  // Caught as the document is measured, before a condition is built; named conditions that
  // `use` each other are caught by the condition count ("use: expansion is bounded").
  CHECK(r.diagnostics[0].message.find("larger than 16 MiB with its aliases expanded") !=
        std::string::npos);
}

TEST_CASE("yaml: a configuration whose aliases expand too far is an error", "[yaml-budget]") {
  std::string text = "exclude: &e [";
  for (int i = 0; i < 1000; ++i) text += (i ? ", " : "") + std::string(1000, 'z');
  text += "]\nrules: {kv-purge-protection: {exclude: [";
  for (int i = 0; i < 5000; ++i) text += i ? ", *e" : "*e";
  text += "]}}\n";
  const ConfigLoadResult r = load_config_text(".cmkguard.yaml", text, ".");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].file == ".cmkguard.yaml");
  CHECK(r.diagnostics[0].line == 1);
  CHECK(r.diagnostics[0].message.find("larger than 16 MiB with its aliases expanded") !=
        std::string::npos);
}
