#pragma once

#include <string>

#include "report/report_options.hpp"
#include "rules/scan.hpp"

namespace cmk::report {

// `file:line:col: severity: message [rule-id]`, one line per finding, then a summary line.
// Control characters from the input are escaped (terminal_safe), so a finding is always one line.
std::string render_text(const rules::ScanResult& scan, const ReportOptions& options);

}  // namespace cmk::report
