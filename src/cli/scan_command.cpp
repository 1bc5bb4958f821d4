#include <ctime>
#include <filesystem>
#include <iostream>

#include "arm/parameters.hpp"
#include "cli/cli_support.hpp"
#include "report/baseline.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"
#include "report/values_report.hpp"
#include "rules/config.hpp"
#include "rules/rule_loader.hpp"
#include "rules/scan.hpp"

namespace cmk::cli {

namespace {

std::string utc_now(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

constexpr const char* kUsage =
    "usage: cmkguard scan [options] PATH...\n"
    "Checks ARM templates, parameter files and exported resources (files or directories).\n"
    "Reads .cmkguard.yaml from the current directory unless --config or --no-config is given.\n"
    "exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input "
    "error";

std::optional<report::UnknownPolicy> parse_unknown(const std::string& text) {
  if (text == "fail") return report::UnknownPolicy::Fail;
  if (text == "warn") return report::UnknownPolicy::Warn;
  if (text == "ignore") return report::UnknownPolicy::Ignore;
  return std::nullopt;
}

bool given(const po::variables_map& vm, const char* name) {
  return vm.count(name) && !vm[name].defaulted();
}

}  // namespace

int run_scan(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "format,f", po::value<std::string>()->default_value("text"), "text | json | sarif | junit")(
      "output,o", po::value<std::string>()->default_value("-"), "write the report to FILE")(
      "fail-on", po::value<std::string>()->default_value("high"),
      "lowest severity that fails the scan: critical | high | medium | low | info")(
      "unknown", po::value<std::string>()->default_value("warn"),
      "what an unknown result does: fail (counts like a failure) | warn (listed) | ignore")(
      "all", po::bool_switch(), "also list passing checks")(
      "show-suppressed", po::bool_switch(), "also list suppressed findings in text output")(
      "rules", po::value<std::vector<std::string>>()->composing(),
      "also load rules from FILE or DIR (repeatable)")("no-builtin-rules", po::bool_switch(),
                                                       "use only the rules given with --rules")(
      "config", po::value<std::string>(), "read the configuration from FILE")(
      "no-config", po::bool_switch(), "ignore .cmkguard.yaml")(
      "exclude", po::value<std::vector<std::string>>()->composing(),
      "leave out inputs matching GLOB (repeatable; ** spans folders)")(
      "baseline", po::value<std::string>(),
      "a JSON report from an earlier scan: findings listed there do not fail")(
      "parameters,p", po::value<std::vector<std::string>>()->composing(),
      "parameter values from a deploymentParameters FILE (repeatable; later files win)")(
      "param", po::value<std::vector<std::string>>()->composing(),
      "a parameter value NAME=VALUE (VALUE as JSON, else a string; overrides files)")(
      "no-auto-parameters", po::bool_switch(),
      "do not read X.parameters.json beside a template X.json")(
      "location", po::value<std::string>(),
      "deployment region (else resourceGroup().location stays symbolic)")(
      "subscription-id", po::value<std::string>(), "subscription id of the deployment")(
      "tenant-id", po::value<std::string>(), "Entra tenant id of the deployment")(
      "resource-group", po::value<std::string>(), "resource group name of the deployment")(
      "explain-values", po::bool_switch(),
      "print every resource's evaluated properties instead of findings")(
      "verbose,v", po::bool_switch(), "also print notes (e.g. skipped files)")(
      "paths", po::value<std::vector<std::string>>(), "files or directories to scan");
  auto vm = parse_args(args, options, "paths", kUsage);
  if (!vm) return 2;
  if (vm->count("help")) {
    std::cout << kUsage << "\n\n" << options;
    return 0;
  }
  if (!vm->count("paths")) {
    std::cerr << "cmkguard scan: no PATH given\n" << kUsage << "\n";
    return 2;
  }
  const bool verbose = (*vm)["verbose"].as<bool>();

  // Configuration first; flags given on the command line override it.
  rules::Config config;
  std::optional<std::filesystem::path> config_path;
  if (vm->count("config")) {
    config_path = (*vm)["config"].as<std::string>();
  } else if (!(*vm)["no-config"].as<bool>() &&
             std::filesystem::is_regular_file(rules::kDefaultConfigName)) {
    config_path = rules::kDefaultConfigName;
  }
  if (config_path) {
    rules::ConfigLoadResult loaded = rules::load_config_file(*config_path);
    print_diagnostics(loaded.diagnostics, std::cerr, verbose);
    if (!loaded.config) return 2;
    config = std::move(*loaded.config);
  }

  report::ReportOptions ro;
  const std::string fail_on_text = (*vm)["fail-on"].as<std::string>();
  const auto fail_on = rules::parse_severity(fail_on_text);
  if (!fail_on) {
    std::cerr << "cmkguard scan: --fail-on takes critical, high, medium, low or info\n";
    return 2;
  }
  ro.fail_on = given(*vm, "fail-on") || !config.fail_on ? *fail_on : *config.fail_on;
  const std::string unknown_text = given(*vm, "unknown") || !config.unknown
                                       ? (*vm)["unknown"].as<std::string>()
                                       : *config.unknown;
  const auto unknown = parse_unknown(unknown_text);
  if (!unknown) {
    std::cerr << "cmkguard scan: --unknown takes fail, warn or ignore\n";
    return 2;
  }
  ro.unknown = *unknown;
  ro.include_pass = (*vm)["all"].as<bool>();
  ro.show_suppressed = (*vm)["show-suppressed"].as<bool>();
  const std::string format = (*vm)["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "sarif" && format != "junit") {
    std::cerr << "cmkguard scan: --format takes text, json, sarif or junit\n";
    return 2;
  }

  rules::RuleLoadResult loaded;
  if (!(*vm)["no-builtin-rules"].as<bool>() && config.builtin_rules) {
    loaded = rules::builtin_rules();
  }
  std::vector<std::string> rule_paths = config.rule_paths;
  if (vm->count("rules")) {
    for (const auto& p : (*vm)["rules"].as<std::vector<std::string>>()) rule_paths.push_back(p);
  }
  if (!rule_paths.empty()) rules::merge_rules(loaded, rules::load_rule_paths(rule_paths));
  rules::apply_rule_settings(config, loaded);
  print_diagnostics(loaded.diagnostics, std::cerr, verbose);
  if (has_errors(loaded.diagnostics)) return 2;

  rules::ScanOptions so;
  so.paths = (*vm)["paths"].as<std::vector<std::string>>();
  so.exclude = config.exclude;
  if (vm->count("exclude")) {
    for (const auto& g : (*vm)["exclude"].as<std::vector<std::string>>()) {
      so.exclude.push_back(std::make_shared<const Glob>(
          Glob::anchored(std::filesystem::current_path().generic_string(), g)));
    }
  }
  so.suppressions = config.suppressions;
  if (vm->count("parameters")) {
    so.parameter_files = (*vm)["parameters"].as<std::vector<std::string>>();
  }
  if (vm->count("param")) {
    for (const std::string& assignment : (*vm)["param"].as<std::vector<std::string>>()) {
      auto parsed = arm::parse_param_assignment(assignment);
      if (!parsed) {
        std::cerr << "cmkguard scan: --param takes NAME=VALUE, got '" << assignment << "'\n";
        return 2;
      }
      so.parameter_overrides.set(parsed->first, std::move(parsed->second));
    }
  }
  so.auto_parameters = !(*vm)["no-auto-parameters"].as<bool>();
  if (vm->count("location")) so.deployment.location = (*vm)["location"].as<std::string>();
  if (vm->count("subscription-id")) {
    so.deployment.subscription_id = (*vm)["subscription-id"].as<std::string>();
  }
  if (vm->count("tenant-id")) so.deployment.tenant_id = (*vm)["tenant-id"].as<std::string>();
  if (vm->count("resource-group")) {
    so.deployment.resource_group = (*vm)["resource-group"].as<std::string>();
  }
  const bool explain_values = (*vm)["explain-values"].as<bool>();
  so.keep_values = explain_values;
  so.today = utc_now("%Y-%m-%d");
  rules::ScanResult result = rules::scan(loaded.rules, so);

  const std::optional<std::string> baseline =
      vm->count("baseline") ? std::optional((*vm)["baseline"].as<std::string>()) : config.baseline;
  if (baseline) {
    const auto known = report::read_baseline(*baseline, result.diagnostics);
    report::mark_baseline(result.findings, known);
    ro.baseline_active = true;
  }
  print_diagnostics(result.diagnostics, std::cerr, verbose);

  std::string text;
  if (explain_values) {
    text = report::render_values(result.values);
  } else if (format == "json") {
    text = report::render_json(result, ro);
  } else if (format == "sarif") {
    text = report::render_sarif(result, loaded.rules, ro);
  } else if (format == "junit") {
    text = report::render_junit(result, ro, utc_now("%Y-%m-%dT%H:%M:%S"));
  } else {
    text = report::render_text(result, ro);
  }
  if (!write_output((*vm)["output"].as<std::string>(), text, std::cerr)) return 2;

  if (has_errors(result.diagnostics)) return 2;
  for (const rules::Finding& f : result.findings) {
    if (report::is_failing(f, ro)) return 1;
  }
  return 0;
}

}  // namespace cmk::cli
