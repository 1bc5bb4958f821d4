#pragma once

#include <string>

#include "report/report_options.hpp"
#include "rules/scan.hpp"

namespace cmk::report {

// The JSON report described by schemas/report.schema.json.
std::string render_json(const rules::ScanResult& scan, const ReportOptions& options);

}  // namespace cmk::report
