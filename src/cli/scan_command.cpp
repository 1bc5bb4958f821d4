#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/audit_evidence.hpp"
#include "cli/cli_support.hpp"
#include "cli/report_flags.hpp"
#include "pipeline/scan.hpp"
#include "pipeline/scan_inputs.hpp"
#include "report/baseline.hpp"
#include "report/json_report.hpp"
#include "report/values_report.hpp"
#include "rules/config.hpp"
#include "rules/rule_loader.hpp"

namespace cmk::cli {

namespace {

constexpr const char* kUsage =
    "usage: cmkguard scan [options] PATH...\n"
    "Checks ARM templates, parameter files and exported resources (files or directories; - "
    "reads a template from standard input).\n"
    "Reads .cmkguard.yaml from the current directory unless --config or --no-config is given.\n"
    "exit codes: 0 nothing at or above --fail-on (always with --fail-on none or --write-baseline), "
    "1 findings at or above it, 2 usage or input error";

// The configuration named by --config, else .cmkguard.yaml here unless --no-config.
// False after printing why it could not be read.
bool read_config(const po::variables_map& vm, Verbosity verbosity, std::uintmax_t max_file_size,
                 rules::Config& config) {
  std::optional<std::filesystem::path> path;
  if (vm.count("config")) {
    path = vm["config"].as<std::string>();
  } else if (!vm["no-config"].as<bool>() &&
             std::filesystem::is_regular_file(rules::kDefaultConfigName)) {
    path = rules::kDefaultConfigName;
  }
  if (!path) return true;
  rules::ConfigLoadResult loaded = rules::load_config_file(*path, max_file_size);
  print_diagnostics(loaded.diagnostics, std::cerr, verbosity);
  if (!loaded.config) return false;
  config = std::move(*loaded.config);
  return true;
}

// The --write-baseline file ("" when not given); nullopt after a usage error.
std::optional<std::string> read_write_baseline(const po::variables_map& vm,
                                               const std::vector<ReportTarget>& targets) {
  if (!vm.count("write-baseline")) return std::string();
  const std::string file = vm["write-baseline"].as<std::string>();
  if (file.empty() || file == "-") {
    std::cerr << "cmkguard scan: --write-baseline needs a FILE\n";
    return std::nullopt;
  }
  for (const ReportTarget& t : targets) {
    if (t.file == file) {
      std::cerr << "cmkguard scan: --write-baseline and --output both name " << file << "\n";
      return std::nullopt;
    }
  }
  if (vm["explain-values"].as<bool>()) {
    std::cerr << "cmkguard scan: --write-baseline and --explain-values exclude each other\n";
    return std::nullopt;
  }
  return file;
}

// Standard input, when a PATH is "-": read whole, up to the file size limit like any input.
// False after printing why not.
bool read_stdin(const std::vector<std::string>& paths, std::uintmax_t limit,
                std::optional<std::string>& text) {
  const auto dashes = std::count(paths.begin(), paths.end(), "-");
  if (dashes == 0) return true;
  if (dashes > 1) {
    std::cerr << "cmkguard scan: - (standard input) given more than once\n";
    return false;
  }
  std::string data;
  char buf[65536];
  while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
    data.append(buf, static_cast<size_t>(std::cin.gcount()));
    if (data.size() > limit) {
      std::cerr << pipeline::kStdinName << ": error: larger than the limit of " << limit
                << " bytes (--max-file-size)\n";
      return false;
    }
  }
  text = std::move(data);
  return true;
}

bool wants_evidence(const std::vector<ReportTarget>& targets) {
  return std::any_of(targets.begin(), targets.end(),
                     [](const ReportTarget& t) { return report::is_audit_format(t.format); });
}

}  // namespace

int run_scan(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help");
  add_report_flags(options,
                   "what an unknown result does: fail (counts like a failure) | warn (listed) | "
                   "ignore");
  options.add_options()("show-suppressed", po::bool_switch(),
                        "also list suppressed findings in text output")(
      "rules", po::value<std::vector<std::string>>()->composing(),
      "also load rules from FILE or DIR (repeatable)")("no-builtin-rules", po::bool_switch(),
                                                       "use only the rules given with --rules")(
      "config", po::value<std::string>(), "read the configuration from FILE")(
      "no-config", po::bool_switch(), "ignore .cmkguard.yaml")(
      "exclude", po::value<std::vector<std::string>>()->composing(),
      "leave out inputs matching GLOB (repeatable; ** spans folders)")(
      "no-skip-dirs", po::bool_switch(),
      "enter every folder, also .git, node_modules and the other tool folders skipped by "
      "default (skipDirectories in the configuration)")(
      "bicep", po::bool_switch(),
      "compile .bicep files with the bicep (or az) CLI on PATH and scan the result")(
      "baseline", po::value<std::string>(),
      "a JSON report from an earlier scan: findings listed there do not fail")(
      "write-baseline", po::value<std::string>(),
      "write the JSON report to FILE for later --baseline use; exits 0 unless input errors");
  add_template_flags(options);
  options.add_options()("explain-values", po::bool_switch(),
                        "print every resource's evaluated properties instead of findings")(
      "verbose,v", po::bool_switch(), "also print notes (e.g. skipped files)")(
      "quiet,q", po::bool_switch(), "print only findings, the summary and input errors")(
      "jobs,j", po::value<std::string>(),
      "read and judge N files at once, and the resources of a large live export (default: one "
      "per processor); the report is the same for any N")(
      "paths", po::value<std::vector<std::string>>(), "files or directories to scan");
  auto [vm, exit_code] = parse_command_line(args, options, "paths", kUsage);
  if (!vm) return exit_code;
  if (!vm->count("paths")) {
    std::cerr << "cmkguard scan: no PATH given\n" << kUsage << "\n";
    return 2;
  }
  if ((*vm)["verbose"].as<bool>() && (*vm)["quiet"].as<bool>()) {
    std::cerr << "cmkguard scan: --quiet and --verbose exclude each other\n";
    return 2;
  }
  const Verbosity verbosity = (*vm)["quiet"].as<bool>()     ? Verbosity::Quiet
                              : (*vm)["verbose"].as<bool>() ? Verbosity::Verbose
                                                            : Verbosity::Normal;

  // Configuration first; flags given on the command line override it. The configuration itself
  // is read with --max-file-size or the default, since its own maxFileSize is not known yet.
  const auto max_file_size = read_max_file_size(*vm, "scan");
  if (!max_file_size) return 2;
  rules::Config config;
  if (!read_config(*vm, verbosity, *max_file_size, config)) return 2;
  const std::uintmax_t file_limit =
      vm->count("max-file-size") || !config.max_file_size ? *max_file_size : *config.max_file_size;
  auto ro = read_report_flags(*vm, "scan", config.fail_on, config.unknown, config.fail_on_none);
  const auto targets = read_report_targets(*vm, "scan");
  if (!ro || !targets) return 2;
  if ((*vm)["explain-values"].as<bool>() && targets->size() > 1) {
    std::cerr << "cmkguard scan: --explain-values writes no FORMAT=FILE reports\n";
    return 2;
  }
  const auto write_baseline = read_write_baseline(*vm, *targets);
  if (!write_baseline) return 2;
  ro->show_suppressed = (*vm)["show-suppressed"].as<bool>();

  rules::RuleLoadResult loaded;
  if (!(*vm)["no-builtin-rules"].as<bool>() && config.builtin_rules) {
    loaded = rules::builtin_rules();
  }
  std::vector<std::string> rule_paths = config.rule_paths;
  if (vm->count("rules")) {
    for (const auto& p : (*vm)["rules"].as<std::vector<std::string>>()) rule_paths.push_back(p);
  }
  if (!rule_paths.empty()) {
    rules::merge_rules(loaded, rules::load_rule_paths(rule_paths, file_limit));
  }
  rules::apply_rule_settings(config, loaded);
  print_diagnostics(loaded.diagnostics, std::cerr, verbosity);
  if (has_errors(loaded.diagnostics)) return 2;

  pipeline::ScanOptions so;
  so.paths = (*vm)["paths"].as<std::vector<std::string>>();
  so.exclude = config.exclude;
  if (vm->count("exclude")) {
    for (const auto& g : (*vm)["exclude"].as<std::vector<std::string>>()) {
      so.exclude.push_back(std::make_shared<const Glob>(
          Glob::anchored(std::filesystem::current_path().generic_string(), g)));
    }
  }
  so.suppressions = config.suppressions;
  so.input.deployments = config.deployments;
  so.today = utc_now("%Y-%m-%d");
  if ((*vm)["no-skip-dirs"].as<bool>()) {
    so.skip_directories.clear();
  } else if (config.skip_directories) {
    so.skip_directories = *config.skip_directories;
  }
  so.input.compile_bicep = (*vm)["bicep"].as<bool>() || config.bicep;
  if (!read_template_flags(*vm, "scan", so.input.inputs)) return 2;
  so.input.inputs.max_file_size = file_limit;
  if (!read_stdin(so.paths, file_limit, so.input.stdin_text)) return 2;
  const bool explain_values = (*vm)["explain-values"].as<bool>();
  so.keep_values = explain_values;
  const std::optional<unsigned> jobs = read_jobs(*vm, "scan");
  if (!jobs) return 2;
  so.jobs = *jobs;
  pipeline::ScanResult result = pipeline::scan(loaded.rules, so);

  const std::optional<std::string> baseline =
      vm->count("baseline") ? std::optional((*vm)["baseline"].as<std::string>()) : config.baseline;
  if (baseline) {
    const auto known = report::read_baseline(*baseline, result.diagnostics, file_limit);
    report::mark_baseline(result.findings, known);
    ro->baseline_active = true;
  }
  print_diagnostics(result.diagnostics, std::cerr, verbosity);

  if (explain_values) {
    if (!write_output(targets->front().file, report::render_values(result.values), std::cerr)) {
      return 2;
    }
    return has_errors(result.diagnostics) ? 2 : 0;
  }
  std::optional<report::Evidence> evidence;
  if (wants_evidence(*targets)) {
    const RunSettings run{
        .vm = &*vm,
        .config = &config,
        .scan = &so,
        .report = &*ro,
        .baseline = baseline,
        .builtin_rules = !(*vm)["no-builtin-rules"].as<bool>() && config.builtin_rules,
        .rule_paths = rule_paths,
    };
    evidence = gather_evidence(run, result);
  }
  const report::Evidence* ev = evidence ? &*evidence : nullptr;
  if (write_baseline->empty()) return emit_report(result, loaded.rules, *ro, *targets, ev);
  // Writing a baseline records what is there now; nothing fails, input errors still do.
  const bool written = write_output(*write_baseline, report::render_json(result, *ro), std::cerr);
  ro->fail_never = true;
  const int code = emit_report(result, loaded.rules, *ro, *targets, ev);
  return written ? code : 2;
}

}  // namespace cmk::cli
