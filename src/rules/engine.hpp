#pragma once
// Runs rules over a template model and produces findings.

#include <vector>

#include "arm/template_model.hpp"
#include "rules/estate.hpp"
#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace cmk::rules {

// Every applicable (rule, resource) pair yields one finding: pass, fail or unknown.
// Resources marked `existing` are references, not deployments, and are not judged. CMK links
// resolve within the model and, when given, the other files of `estate`.
std::vector<Finding> run_rules(const std::vector<Rule>& rules, const arm::Model& model,
                               const Estate* estate = nullptr);

// Fills a rule's message placeholders: {name}, {type}, {path}, {actual}, and {reason} (why a
// relation the verdict depends on was not found, else empty).
std::string render_message(const std::string& tmpl, const arm::Resource& resource,
                           const std::string& path, const std::string& actual,
                           const std::string& reason = {});

}  // namespace cmk::rules
