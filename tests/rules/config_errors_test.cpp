// A .cmkguard.yaml error reads like a rule error: "file:line:col: error: message", then the
// offending line and a caret under the column, since both are read through yaml_support.

#include <catch2/catch.hpp>
#include <string>

#include "json/diagnostic.hpp"
#include "rules/config.hpp"
#include "rules/yaml_support.hpp"

using namespace cmk;
using namespace cmk::rules;

namespace {

Diagnostic only_error(const std::string& text) {
  const ConfigLoadResult r = load_config_text(".cmkguard.yaml", text, ".");
  CHECK_FALSE(r.config);
  REQUIRE(r.diagnostics.size() == 1);
  return r.diagnostics[0];
}

}  // namespace

TEST_CASE("config errors: a bad value is shown with its line and a caret", "[config]") {
  const Diagnostic d = only_error("rules:\n  builtin: true\nfailOn: never\n");
  CHECK(format_diagnostic(d) ==
        ".cmkguard.yaml:3:9: error: failOn must be critical, high, medium, low, info or none\n"
        "  failOn: never\n"
        "          ^");
}

TEST_CASE("config errors: an unknown key is shown with a suggestion and a caret", "[config]") {
  const Diagnostic d =
      only_error("exclude: [a]\nsuppressions:\n  - rule: x\n    justifcation: y\n");
  CHECK(format_diagnostic(d) ==
        ".cmkguard.yaml:4:5: error: unknown key 'justifcation' in a suppression (did you mean "
        "'justification'?)\n"
        "      justifcation: y\n"
        "      ^");
}

TEST_CASE("config errors: YAML syntax errors and oversize documents get a caret too", "[config]") {
  const Diagnostic syntax = only_error("failOn: high\nexclude: a: b\n");
  CHECK(format_diagnostic(syntax) ==
        ".cmkguard.yaml:2:11: error: illegal map value\n"
        "  exclude: a: b\n"
        "            ^");

  std::string text = "exclude: &e [" + std::string(1000, 'z') + "]\nrules: {paths: [";
  for (int i = 0; i < 20000; ++i) text += i ? ", *e" : "*e";
  const Diagnostic over = only_error(text + "]}\n");
  CHECK(over.line == 1);
  CHECK(over.source_line.starts_with("exclude: &e ["));
}

TEST_CASE("yaml support: typed fields and the node budget", "[config]") {
  const YAML::Node root = load_yaml("a: x\nb: [x, y]\nc: {d: 1}\n");
  CHECK(yaml_scalar(root["a"], "a") == "x");
  CHECK(yaml_strings(root["a"], "a") == std::vector<std::string>{"x"});
  CHECK(yaml_strings(root["b"], "b") == std::vector<std::string>{"x", "y"});
  CHECK_THROWS_AS(yaml_scalar(root["c"], "c"), YamlError);
  CHECK_THROWS_AS(check_keys(root, {"a", "b"}, "the test"), YamlError);
  CHECK(yaml_value(root["c"]).find("d")->as_int() == 1);
  CHECK_THROWS_AS(yaml_value(root["b"], 2), YamlError);
}
