#include "report/rule_docs.hpp"

#include <algorithm>

namespace cmk::report {

namespace {
std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}
}  // namespace

std::string render_rule_list(const std::vector<rules::Rule>& rules) {
  size_t width = 0;
  for (const rules::Rule& r : rules) width = std::max(width, r.id.size());
  std::string out;
  for (const rules::Rule& r : rules) {
    std::string sev = rules::severity_name(r.severity);
    out += r.id + std::string(width - r.id.size() + 2, ' ') + sev +
           std::string(10 - std::min<size_t>(sev.size(), 9), ' ') + r.title + "  (" +
           join(r.resource_types, ", ") + ")\n";
  }
  return out;
}

std::string render_rule_help_text(const rules::Rule& r) {
  std::string out;
  if (!r.description.empty()) out += trim_right(r.description) + "\n";
  if (!r.remediation.empty()) {
    out += (out.empty() ? "" : "\n") + std::string("remediation:\n") + trim_right(r.remediation) +
           "\n";
  }
  return out;
}

std::string render_rule_help_markdown(const rules::Rule& r) {
  std::string out;
  if (!r.description.empty()) out += trim_right(r.description) + "\n";
  if (!r.remediation.empty()) {
    out += (out.empty() ? "" : "\n") + std::string("## Remediation\n\n") +
           trim_right(r.remediation) + "\n";
  }
  if (!r.references.empty()) {
    out += (out.empty() ? "" : "\n") + std::string("## References\n\n");
    for (const std::string& ref : r.references) out += "- <" + ref + ">\n";
  }
  return out;
}

std::string render_rule_explanation(const rules::Rule& r) {
  std::string out = r.id + ": " + r.title + "\n";
  out += "severity: " + std::string(rules::severity_name(r.severity)) + "\n";
  out += "resources: " + join(r.resource_types, ", ") + "\n";
  out += "defined in: " + r.source.file + "\n";
  if (const std::string help = render_rule_help_text(r); !help.empty()) out += "\n" + help;
  if (!r.references.empty()) {
    out += "\nreferences:\n";
    for (const std::string& ref : r.references) out += "  " + ref + "\n";
  }
  if (!r.compliance.empty()) {
    out += "\ncompliance:\n";
    for (const auto& [framework, controls] : r.compliance) {
      out += "  " + framework + ": " + join(controls, ", ") + "\n";
    }
  }
  return out;
}

}  // namespace cmk::report
