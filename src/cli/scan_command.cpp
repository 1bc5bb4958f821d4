#include <ctime>
#include <iostream>

#include "cli/cli_support.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"
#include "rules/rule_loader.hpp"
#include "rules/scan.hpp"

namespace cmk::cli {

namespace {
std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

constexpr const char* kUsage =
    "usage: cmkguard scan [options] PATH...\n"
    "Checks ARM templates, parameter files and exported resources (files or directories).\n"
    "exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input "
    "error";
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
      "rules", po::value<std::vector<std::string>>()->composing(),
      "also load rules from FILE or DIR (repeatable)")("no-builtin-rules", po::bool_switch(),
                                                       "use only the rules given with --rules")(
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
  report::ReportOptions ro;
  const auto fail_on = rules::parse_severity((*vm)["fail-on"].as<std::string>());
  if (!fail_on) {
    std::cerr << "cmkguard scan: --fail-on takes critical, high, medium, low or info\n";
    return 2;
  }
  ro.fail_on = *fail_on;
  const std::string unknown = (*vm)["unknown"].as<std::string>();
  if (unknown == "fail")
    ro.unknown = report::UnknownPolicy::Fail;
  else if (unknown == "warn")
    ro.unknown = report::UnknownPolicy::Warn;
  else if (unknown == "ignore")
    ro.unknown = report::UnknownPolicy::Ignore;
  else {
    std::cerr << "cmkguard scan: --unknown takes fail, warn or ignore\n";
    return 2;
  }
  ro.include_pass = (*vm)["all"].as<bool>();
  const std::string format = (*vm)["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "sarif" && format != "junit") {
    std::cerr << "cmkguard scan: --format takes text, json, sarif or junit\n";
    return 2;
  }
  const bool verbose = (*vm)["verbose"].as<bool>();

  rules::RuleLoadResult loaded;
  if (!(*vm)["no-builtin-rules"].as<bool>()) loaded = rules::builtin_rules();
  if (vm->count("rules")) {
    rules::merge_rules(loaded,
                       rules::load_rule_paths((*vm)["rules"].as<std::vector<std::string>>()));
  }
  print_diagnostics(loaded.diagnostics, std::cerr, verbose);
  if (has_errors(loaded.diagnostics)) return 2;

  const rules::ScanResult result =
      rules::scan(loaded.rules, (*vm)["paths"].as<std::vector<std::string>>());
  print_diagnostics(result.diagnostics, std::cerr, verbose);
  std::string text;
  if (format == "json") {
    text = report::render_json(result, ro);
  } else if (format == "sarif") {
    text = report::render_sarif(result, loaded.rules, ro);
  } else if (format == "junit") {
    text = report::render_junit(result, ro, utc_timestamp());
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
