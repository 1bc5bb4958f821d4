#include "cli/audit_evidence.hpp"

#include <filesystem>
#include <set>

#include "arm/parameters.hpp"
#include "cli/report_flags.hpp"
#include "pipeline/scan_inputs.hpp"
#include "report/fingerprint.hpp"
#include "util/file_text.hpp"
#include "util/subprocess.hpp"

namespace cmk::cli {

namespace fs = std::filesystem;

namespace {

std::string joined(const std::vector<std::string>& items, const std::string& none) {
  if (items.empty()) return none;
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::vector<std::string> strings_of(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string context_value(const std::optional<std::string>& v) {
  return v ? *v : "symbolic (not given)";
}

report::EvidenceFile hashed(std::string role, const std::string& path, std::uintmax_t limit) {
  FileText read = read_file_text(path, limit);
  return {std::move(role), path, read.text ? report::sha256_hex(*read.text) : ""};
}

std::vector<report::EvidenceFile> files(const RunSettings& run,
                                        const pipeline::ScanResult& result) {
  const std::uintmax_t limit = run.scan->input.inputs.max_file_size;
  std::vector<report::EvidenceFile> out;
  std::set<std::string> listed;
  for (const std::string& input : result.inputs) {
    if (!listed.insert(input).second) continue;
    if (input == pipeline::kStdinName) {
      out.push_back(
          {"input", input,
           run.scan->input.stdin_text ? report::sha256_hex(*run.scan->input.stdin_text) : ""});
      continue;
    }
    out.push_back(hashed("input", input, limit));
    // The parameters file read beside a template counts as an input too.
    if (!run.scan->input.inputs.auto_parameters) continue;
    if (const auto paired = arm::paired_parameters_file(input)) {
      const std::string p = paired->lexically_normal().generic_string();
      if (listed.insert(p).second)
        out.push_back(hashed("parameters (beside its template)", p, limit));
    }
  }
  for (const std::string& p : run.scan->input.inputs.parameter_files) {
    out.push_back(hashed("parameters (--parameters)", p, limit));
  }
  if (!run.config->path.empty()) out.push_back(hashed("configuration", run.config->path, limit));
  if (run.baseline) out.push_back(hashed("baseline", *run.baseline, limit));
  return out;
}

std::vector<std::pair<std::string, std::string>> settings(const RunSettings& run) {
  const po::variables_map& vm = *run.vm;
  const rules::Config& config = *run.config;
  const pipeline::ScanOptions& so = *run.scan;
  const report::ReportOptions& ro = *run.report;
  const char* unknown = ro.unknown == report::UnknownPolicy::Fail   ? "fail"
                        : ro.unknown == report::UnknownPolicy::Warn ? "warn"
                                                                    : "ignore";
  std::vector<std::string> overrides;
  for (const auto& [id, sev] : config.severity_overrides) {
    overrides.push_back(id + ": " + rules::severity_name(sev));
  }
  std::vector<std::string> excluded = strings_of(vm, "exclude");
  return {
      {"paths scanned", joined(so.paths, "none")},
      {"fail-on", report::fail_on_name(ro)},
      {"unknown results", unknown},
      {"passing checks listed (--all)", ro.include_pass ? "yes" : "no"},
      {"configuration file", config.path.empty() ? "none" : config.path},
      {"built-in rules", run.builtin_rules ? "yes" : "no"},
      {"extra rules (--rules, rules.paths)", joined(run.rule_paths, "none")},
      {"disabled rules", joined(config.disabled_rules, "none")},
      {"severity overrides", joined(overrides, "none")},
      {"parameters files (--parameters)", joined(so.input.inputs.parameter_files, "none")},
      {"parameter values (--param)", joined(strings_of(vm, "param"), "none")},
      {"X.parameters.json beside X.json", so.input.inputs.auto_parameters ? "read" : "not read"},
      {"location", context_value(so.input.inputs.deployment.location)},
      {"subscription id", context_value(so.input.inputs.deployment.subscription_id)},
      {"tenant id", context_value(so.input.inputs.deployment.tenant_id)},
      {"resource group", context_value(so.input.inputs.deployment.resource_group)},
      {"deployment mappings (deployments)", std::to_string(so.input.deployments.size())},
      {"suppressions in the configuration",
       std::to_string(config.suppressions.size()) +
           (config.path.empty() ? "" : " (" + config.path + ")")},
      {"baseline", run.baseline ? *run.baseline : "none"},
      {"excluded (--exclude)", joined(excluded, "none")},
      {"folders not entered", joined(so.skip_directories, "none")},
      {"Bicep files",
       so.input.compile_bicep ? "compiled (--bicep)" : "not compiled (listed as warnings)"},
      {"largest file read (bytes)", std::to_string(so.input.inputs.max_file_size)},
  };
}

}  // namespace

std::string source_revision(const std::string& dir, const std::vector<std::string>& inputs) {
  const ProcessResult head = run_process({"git", "-C", dir, "rev-parse", "--verify", "HEAD"});
  if (!head.output) return "not recorded: git is not available (" + head.error + ")";
  if (head.output->exit_code != 0) return "not in a git repository (or no commit yet)";
  std::string sha = head.output->out;
  while (!sha.empty() && (sha.back() == '\n' || sha.back() == '\r')) sha.pop_back();
  std::vector<std::string> status = {"git", "-C", dir, "status", "--porcelain", "--"};
  for (const std::string& i : inputs) {
    if (i != pipeline::kStdinName) status.push_back(fs::absolute(i).lexically_normal().string());
  }
  const ProcessResult changed = run_process(status);
  const bool dirty =
      changed.output && changed.output->exit_code == 0 && !changed.output->out.empty();
  return "git commit " + sha + (dirty ? " (inputs have uncommitted changes)" : "");
}

report::Evidence gather_evidence(const RunSettings& run, const pipeline::ScanResult& result) {
  report::Evidence e;
  e.generated = utc_now("%Y-%m-%dT%H:%M:%SZ");
  e.files = files(run, result);
  e.settings = settings(run);
  std::string dir = ".";
  for (const std::string& input : result.inputs) {
    if (input == pipeline::kStdinName) continue;
    const fs::path parent = fs::absolute(input).parent_path();
    dir = parent.string();
    break;
  }
  e.revision = source_revision(dir, result.inputs);
  return e;
}

}  // namespace cmk::cli
