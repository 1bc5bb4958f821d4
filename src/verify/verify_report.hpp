#pragma once
// verify's checks as rules and its results as scan findings, so `verify` reports exactly as
// `scan` does, in every report format (report/report_format.hpp), through src/report.

#include <string_view>
#include <vector>

#include "pipeline/scan.hpp"
#include "rules/rule.hpp"
#include "verify/verify_run.hpp"

namespace cmk::verify {

// One rule per check, in the order the checks run; static, so findings may point at them.
const std::vector<rules::Rule>& verify_rules();

// The rule of a check id (nullptr for an id that is not a verify check).
const rules::Rule* verify_rule(std::string_view check);

// Findings with file:line:column, the account's type, names and resource line; stats counting
// the inputs tried, the templates (and live exports) read and their model resources.
pipeline::ScanResult to_scan_result(const VerifyRun& run);

}  // namespace cmk::verify
