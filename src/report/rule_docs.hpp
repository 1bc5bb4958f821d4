#pragma once
// Human-readable rule documentation, for `cmkguard rules` and `cmkguard explain`.

#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace cmk::report {

// One line per rule: id, severity, resource types, title.
std::string render_rule_list(const std::vector<rules::Rule>& rules);

// What a rule checks and how to fix a finding: its description, then its remediation under
// "remediation:"; empty when it has neither. `explain` prints it; SARIF carries it as help.text.
std::string render_rule_help_text(const rules::Rule& rule);

// The same help as Markdown (remediation and references as sections): SARIF's help.markdown.
std::string render_rule_help_markdown(const rules::Rule& rule);

// Everything about one rule: title, severity, resources, description, remediation, references,
// compliance mappings and where it is defined.
std::string render_rule_explanation(const rules::Rule& rule);

}  // namespace cmk::report
