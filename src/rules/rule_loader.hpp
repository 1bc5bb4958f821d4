#pragma once
// Loads rules from YAML. A bad rule is an error naming its file, line and what is wrong.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "json/diagnostic.hpp"
#include "rules/rule.hpp"
#include "util/file_text.hpp"

namespace cmk::rules {

struct RuleLoadResult {
  std::vector<Rule> rules;
  Diagnostics diagnostics;
};

// One rule file's text, with no shared conditions to `use`.
RuleLoadResult load_rule_text(const std::string& display_path, const std::string& text);

struct RuleSource {
  std::string path;  // for diagnostics; a name ending .conditions.yaml marks shared conditions
  std::string text;
};

// Whether a file holds shared named conditions (`*.conditions.yaml`, `*.conditions.yml`).
bool is_conditions_file(std::string_view path);

// Rule files and the conditions files loaded with them: every rule of the set may `use` the
// shared conditions (and, with `builtin_conditions`, the shipped ones its own do not redefine).
// An error in a conditions file is reported once, where it is written.
RuleLoadResult load_rule_set(const std::vector<RuleSource>& files, bool builtin_conditions = false);

// One rule set from files and directories (*.yaml, *.yml, recursively, sorted; directories
// named fixtures or tests are skipped), conditions files included; the shipped conditions serve
// as a fallback, so a user's rule may `use: uses-cmk`.
// Files are read through read_file_text: a special file or one over `max_size` is an error.
RuleLoadResult load_rule_paths(const std::vector<std::string>& paths,
                               std::uintmax_t max_size = kDefaultMaxFileSize);

// The rules shipped inside the binary, with the shared conditions shipped beside them.
RuleLoadResult builtin_rules();

// Appends `more` to `into`; a duplicate id is an error naming both files.
void merge_rules(RuleLoadResult& into, RuleLoadResult more);

}  // namespace cmk::rules
