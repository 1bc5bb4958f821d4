#pragma once
// Loads rules from YAML. A bad rule is an error naming its file, line and what is wrong.

#include <filesystem>
#include <string>
#include <vector>

#include "json/diagnostic.hpp"
#include "rules/rule.hpp"

namespace cmk::rules {

struct RuleLoadResult {
  std::vector<Rule> rules;
  Diagnostics diagnostics;
};

// One rule file's text.
RuleLoadResult load_rule_text(const std::string& display_path, const std::string& text);

// Rule files (*.yaml, *.yml) from files and directories, recursively, sorted; fixtures and
// other YAML without an `id` and `assert` are not rules and are skipped in directories.
RuleLoadResult load_rule_paths(const std::vector<std::string>& paths);

// The rules shipped inside the binary.
RuleLoadResult builtin_rules();

// Appends `more` to `into`; a duplicate id is an error naming both files.
void merge_rules(RuleLoadResult& into, RuleLoadResult more);

}  // namespace cmk::rules
