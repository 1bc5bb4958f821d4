#pragma once
// Gathers what the audit report's evidence section records about a scan run.

#include <optional>
#include <string>

#include "cli/cli_support.hpp"
#include "pipeline/scan.hpp"
#include "report/evidence.hpp"
#include "report/report_options.hpp"
#include "rules/config.hpp"

namespace cmk::cli {

struct RunSettings {
  const po::variables_map* vm = nullptr;
  const rules::Config* config = nullptr;
  const pipeline::ScanOptions* scan = nullptr;
  const report::ReportOptions* report = nullptr;
  std::optional<std::string> baseline;  // the baseline file in effect
  bool builtin_rules = true;
  std::vector<std::string> rule_paths;  // extra rule files and folders
};

// Every input with its SHA-256 (files are hashed as they are on disk now, standard input as it
// was read), the settings in effect, the git commit of the inputs and the time.
report::Evidence gather_evidence(const RunSettings& run, const pipeline::ScanResult& result);

// "git commit <sha>" for the repository holding `dir` (with a remark when the inputs have
// uncommitted changes), or why there is none. Runs git without a shell.
std::string source_revision(const std::string& dir, const std::vector<std::string>& inputs);

}  // namespace cmk::cli
