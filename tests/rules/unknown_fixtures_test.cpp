// docs/rule-catalogue.md says which built-in rules have no `unknown` fixture; this keeps it true.

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>

#include "rules/rule_loader.hpp"
#include "test_support.hpp"
#include "util/file_text.hpp"

namespace fs = std::filesystem;

TEST_CASE("built-in rules: every rule but the catalogue's two has an unknown fixture", "[rules]") {
  const fs::path rules_dir = cmk::test::source_dir() / "rules";
  std::string annotations;
  for (const auto& entry : fs::recursive_directory_iterator(rules_dir)) {
    if (!entry.is_regular_file() || !entry.path().string().ends_with(".fixture.json")) continue;
    const cmk::FileText file = cmk::read_file_text(entry.path());
    REQUIRE(file.text);
    annotations += *file.text;
  }
  std::set<std::string> without;
  for (const auto& rule : cmk::rules::builtin_rules().rules) {
    if (!cmk::test::contains(annotations, "unknown: " + rule.id + "\n")) without.insert(rule.id);
  }
  CHECK(without == std::set<std::string>{"ai-cmk-at-creation", "ai-cmk-key-declared"});
}
