#pragma once
// Audit reports for people rather than pipelines: per rule, what was checked, what failed,
// what could not be decided and why, what was accepted and by whose justification, with the
// compliance controls each rule supports. Markdown, or a self-contained HTML page.

#include <string>
#include <vector>

#include "pipeline/scan.hpp"
#include "report/evidence.hpp"
#include "report/report_options.hpp"
#include "rules/rule.hpp"

namespace cmk::report {

// Both end with an evidence section: files and their SHA-256, tool version, each rule's
// definition hash, the settings in effect, the source revision, the time and the verdict.
std::string render_markdown(const pipeline::ScanResult& scan, const std::vector<rules::Rule>& rules,
                            const ReportOptions& options, const Evidence& evidence);
std::string render_html(const pipeline::ScanResult& scan, const std::vector<rules::Rule>& rules,
                        const ReportOptions& options, const Evidence& evidence);

}  // namespace cmk::report
