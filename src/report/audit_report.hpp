#pragma once
// Audit reports for people rather than pipelines: per rule, what was checked, what failed,
// what could not be decided and why, what was accepted and by whose justification, with the
// compliance controls each rule supports. Markdown, or a self-contained HTML page.

#include <string>
#include <vector>

#include "report/report_options.hpp"
#include "rules/rule.hpp"
#include "rules/scan.hpp"

namespace cmk::report {

// `generated` is the report's timestamp as text (e.g. 2026-11-23T10:00:00Z).
std::string render_markdown(const rules::ScanResult& scan, const std::vector<rules::Rule>& rules,
                            const ReportOptions& options, const std::string& generated);
std::string render_html(const rules::ScanResult& scan, const std::vector<rules::Rule>& rules,
                        const ReportOptions& options, const std::string& generated);

}  // namespace cmk::report
