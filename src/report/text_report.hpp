#pragma once

#include <string>

#include "pipeline/scan.hpp"
#include "report/report_options.hpp"

namespace cmk::report {

// `file:line:col: severity: message [rule-id]`, one line per finding, then a summary line.
// Control characters from the input are escaped (terminal_safe), so a finding is always one line.
std::string render_text(const pipeline::ScanResult& scan, const ReportOptions& options);

}  // namespace cmk::report
