#pragma once
// What a report shows and what makes a scan fail.

#include <optional>

#include "report/pipeline_run.hpp"
#include "rules/finding.hpp"
#include "rules/severity.hpp"

namespace cmk::report {

enum class UnknownPolicy { Fail, Warn, Ignore };

struct ReportOptions {
  rules::Severity fail_on = rules::Severity::High;
  bool fail_never = false;  // --fail-on none: everything is reported, no finding fails
  UnknownPolicy unknown = UnknownPolicy::Warn;
  bool include_pass = false;     // --all
  bool baseline_active = false;  // a baseline was given (SARIF then sets baselineState)
  bool show_suppressed = false;  // list suppressed findings (JSON and SARIF always carry them)
  bool color = false;            // text report: ANSI colours for severity, rule id and location
  // The Azure Pipelines run the scan is part of, if any: SARIF identifies its run by it.
  std::optional<AzurePipelineRun> azure_pipeline;
};

// Whether a finding is listed at all (in text and JUnit; JSON and SARIF set show_suppressed).
bool is_shown(const rules::Finding& f, const ReportOptions& o);
// Whether a finding makes the scan fail (exit code 1). Never with `fail_never`.
bool is_failing(const rules::Finding& f, const ReportOptions& o);
// The threshold as the flag spells it: a severity name, or "none".
const char* fail_on_name(const ReportOptions& o);

}  // namespace cmk::report
