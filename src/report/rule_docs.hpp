#pragma once
// Human-readable rule documentation, for `cmkguard rules` and `cmkguard explain`.

#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace cmk::report {

// One line per rule: id, severity, resource types, title.
std::string render_rule_list(const std::vector<rules::Rule>& rules);

// Everything about one rule: title, severity, resources, description, remediation, references,
// compliance mappings and where it is defined.
std::string render_rule_explanation(const rules::Rule& rule);

}  // namespace cmk::report
