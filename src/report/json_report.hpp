#pragma once

#include <string>

#include "pipeline/scan.hpp"
#include "report/report_options.hpp"

namespace cmk::report {

// The JSON report described by schemas/report.schema.json.
std::string render_json(const pipeline::ScanResult& scan, const ReportOptions& options);

}  // namespace cmk::report
