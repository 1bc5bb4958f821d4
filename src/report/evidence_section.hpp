#pragma once
// The evidence section that closes an audit report, in Markdown and HTML.

#include <string>
#include <vector>

#include "pipeline/scan.hpp"
#include "report/evidence.hpp"
#include "report/report_options.hpp"
#include "rules/rule.hpp"

namespace cmk::report {

// The overall verdict, as the exit code decides it: input errors, failing findings, or pass.
std::string verdict(const pipeline::ScanResult& scan, const ReportOptions& options);

std::string evidence_markdown(const pipeline::ScanResult& scan,
                              const std::vector<rules::Rule>& rules, const ReportOptions& options,
                              const Evidence& evidence);
std::string evidence_html(const pipeline::ScanResult& scan, const std::vector<rules::Rule>& rules,
                          const ReportOptions& options, const Evidence& evidence);

}  // namespace cmk::report
