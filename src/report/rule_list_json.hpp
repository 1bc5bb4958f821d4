#pragma once
// `cmkguard rules --format json`: the rules in effect for scripts and documentation generators.

#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace cmk::report {

// {"rules": [{"id", "severity", "title", "resourceTypes", "helpUri"}]}; helpUri is the rule's
// first reference (as in SARIF), omitted when it has none.
std::string render_rule_list_json(const std::vector<rules::Rule>& rules);

}  // namespace cmk::report
