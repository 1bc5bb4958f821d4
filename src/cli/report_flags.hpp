#pragma once
// The flags `scan` and `verify` share, and writing their report: report format and threshold,
// parameter values and deployment context.

#include <optional>
#include <string>
#include <vector>

#include "arm/template_inputs.hpp"
#include "cli/cli_support.hpp"
#include "pipeline/scan.hpp"
#include "report/evidence.hpp"
#include "report/report_format.hpp"
#include "report/report_options.hpp"
#include "rules/rule.hpp"

namespace cmk::cli {

// --format, --output, --fail-on, --unknown, --all, --quiet
void add_report_flags(po::options_description& options, const char* unknown_help);
// --parameters, --param, --no-auto-parameters, --location, --subscription-id, --tenant-id,
// --resource-group, --max-file-size
void add_template_flags(po::options_description& options);
// --max-file-size, else the default; prints a usage error and returns nullopt on a bad value.
std::optional<std::uintmax_t> read_max_file_size(const po::variables_map& vm, const char* command);

// Report options from the flags; a flag left at its default yields to the configuration's value.
// Prints a usage error and returns nullopt on a bad value.
std::optional<report::ReportOptions> read_report_flags(
    const po::variables_map& vm, const char* command,
    std::optional<rules::Severity> configured_fail_on = std::nullopt,
    std::optional<std::string> configured_unknown = std::nullopt,
    bool configured_fail_never = false);
// One report to write: a format and a file ("-" for stdout).
struct ReportTarget {
  report::Format format = report::Format::Text;
  std::string file;
  bool color = false;  // ANSI colours in a text report (--color)
};
// The reports the flags ask for: first --format to `-o FILE` (stdout when no FILE), then one per
// `--output FORMAT=FILE`. Prints a usage error (with a "did you mean" for a mistyped format) and
// returns nullopt on a bad value.
std::optional<std::vector<ReportTarget>> read_report_targets(const po::variables_map& vm,
                                                             const char* command);
// Prints a usage error and returns false on a malformed --param or --max-file-size.
bool read_template_flags(const po::variables_map& vm, const char* command,
                         arm::TemplateInputs& inputs);

// Renders `result` in `format`; audit reports (markdown, html) carry `evidence` when given.
std::string render_report(const pipeline::ScanResult& result, const std::vector<rules::Rule>& rules,
                          const report::ReportOptions& options, report::Format format,
                          const report::Evidence* evidence = nullptr);
// Writes each target (files atomically) and returns the exit code: 2 on input errors or a failed
// write, 1 when a finding fails at the threshold, else 0.
int emit_report(const pipeline::ScanResult& result, const std::vector<rules::Rule>& rules,
                const report::ReportOptions& options, const std::vector<ReportTarget>& targets,
                const report::Evidence* evidence = nullptr);

// The current UTC time in strftime `format`.
std::string utc_now(const char* format);

}  // namespace cmk::cli
