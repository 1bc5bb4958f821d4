#pragma once

#include <string>

#include "pipeline/scan.hpp"
#include "report/fingerprint.hpp"
#include "report/report_options.hpp"
#include "rules/rule.hpp"

namespace cmk::report {

// SARIF 2.1.0: one run, every loaded rule as a reportingDescriptor, each shown finding a result
// (fail: kind "fail" with a level from the severity; unknown: kind "review"; pass: kind "pass"),
// located at file:line:column (relative to %SRCROOT%, the repository root: see source_root) with
// the resource as a logical location, fingerprinted for baselines. Input errors become tool
// execution notifications.
//
// Standard is for viewers that follow the SARIF standard (Azure DevOps among them). GitHub code
// scanning ignores kind, suppressions and baselineState, so its profile has open failures only:
// no passes, unknowns, suppressed or baselined findings.
enum class SarifProfile { Standard, GitHubCodeScanning };

std::string render_sarif(const pipeline::ScanResult& scan, const std::vector<rules::Rule>& rules,
                         const ReportOptions& options,
                         SarifProfile profile = SarifProfile::Standard);

}  // namespace cmk::report
