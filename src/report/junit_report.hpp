#pragma once

#include <string>

#include "pipeline/scan.hpp"
#include "report/report_options.hpp"

namespace cmk::report {

// JUnit XML in the shape both common XSDs accept (Jenkins xunit and Ant/windyroad): a test suite
// per scanned file, a test case per (rule, resource) pair; fail results are <failure>, unknown
// results <skipped> (or <failure> with --unknown fail), passes plain test cases.
// `timestamp` is ISO 8601 without zone, e.g. 2026-11-23T10:00:00.
std::string render_junit(const pipeline::ScanResult& scan, const ReportOptions& options,
                         const std::string& timestamp);

}  // namespace cmk::report
