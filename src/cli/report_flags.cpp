#include "cli/report_flags.hpp"

#include <ctime>
#include <iostream>

#include "arm/parameters.hpp"
#include "report/audit_report.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"

namespace cmk::cli {

namespace {
bool given(const po::variables_map& vm, const char* name) {
  return vm.count(name) && !vm[name].defaulted();
}
}  // namespace

void add_report_flags(po::options_description& options, const char* unknown_help) {
  options.add_options()("format,f", po::value<std::string>()->default_value("text"),
                        "text | json | sarif | junit | markdown | html")(
      "output,o", po::value<std::string>()->default_value("-"), "write the report to FILE")(
      "fail-on", po::value<std::string>()->default_value("high"),
      "lowest severity that fails: critical | high | medium | low | info")(
      "unknown", po::value<std::string>()->default_value("warn"), unknown_help)(
      "all", po::bool_switch(), "also list passing checks");
}

void add_template_flags(po::options_description& options) {
  options.add_options()("parameters,p", po::value<std::vector<std::string>>()->composing(),
                        "parameter values from a deploymentParameters FILE (repeatable; later "
                        "files win)")(
      "param", po::value<std::vector<std::string>>()->composing(),
      "a parameter value NAME=VALUE (VALUE as JSON, else a string; overrides files)")(
      "no-auto-parameters", po::bool_switch(),
      "do not read X.parameters.json beside a template X.json")(
      "location", po::value<std::string>(),
      "deployment region (else resourceGroup().location stays symbolic)")(
      "subscription-id", po::value<std::string>(), "subscription id of the deployment")(
      "tenant-id", po::value<std::string>(), "Entra tenant id of the deployment")(
      "resource-group", po::value<std::string>(), "resource group name of the deployment");
}

std::optional<report::ReportOptions> read_report_flags(
    const po::variables_map& vm, const char* command,
    std::optional<rules::Severity> configured_fail_on,
    std::optional<std::string> configured_unknown) {
  report::ReportOptions ro;
  const auto fail_on = rules::parse_severity(vm["fail-on"].as<std::string>());
  if (!fail_on) {
    std::cerr << "cmkguard " << command
              << ": --fail-on takes critical, high, medium, low or info\n";
    return std::nullopt;
  }
  ro.fail_on = given(vm, "fail-on") || !configured_fail_on ? *fail_on : *configured_fail_on;
  const std::string unknown = given(vm, "unknown") || !configured_unknown
                                  ? vm["unknown"].as<std::string>()
                                  : *configured_unknown;
  if (unknown == "fail") {
    ro.unknown = report::UnknownPolicy::Fail;
  } else if (unknown == "warn") {
    ro.unknown = report::UnknownPolicy::Warn;
  } else if (unknown == "ignore") {
    ro.unknown = report::UnknownPolicy::Ignore;
  } else {
    std::cerr << "cmkguard " << command << ": --unknown takes fail, warn or ignore\n";
    return std::nullopt;
  }
  ro.include_pass = vm["all"].as<bool>();
  return ro;
}

std::optional<std::string> read_format(const po::variables_map& vm, const char* command) {
  const std::string format = vm["format"].as<std::string>();
  if (format == "text" || format == "json" || format == "sarif" || format == "junit" ||
      format == "markdown" || format == "html") {
    return format;
  }
  std::cerr << "cmkguard " << command
            << ": --format takes text, json, sarif, junit, markdown or html\n";
  return std::nullopt;
}

bool read_template_flags(const po::variables_map& vm, const char* command,
                         arm::TemplateInputs& inputs) {
  if (vm.count("parameters")) {
    inputs.parameter_files = vm["parameters"].as<std::vector<std::string>>();
  }
  if (vm.count("param")) {
    for (const std::string& assignment : vm["param"].as<std::vector<std::string>>()) {
      auto parsed = arm::parse_param_assignment(assignment);
      if (!parsed) {
        std::cerr << "cmkguard " << command << ": --param takes NAME=VALUE, got '" << assignment
                  << "'\n";
        return false;
      }
      inputs.parameter_overrides.set(parsed->first, std::move(parsed->second));
    }
  }
  inputs.auto_parameters = !vm["no-auto-parameters"].as<bool>();
  if (vm.count("location")) inputs.deployment.location = vm["location"].as<std::string>();
  if (vm.count("subscription-id")) {
    inputs.deployment.subscription_id = vm["subscription-id"].as<std::string>();
  }
  if (vm.count("tenant-id")) inputs.deployment.tenant_id = vm["tenant-id"].as<std::string>();
  if (vm.count("resource-group")) {
    inputs.deployment.resource_group = vm["resource-group"].as<std::string>();
  }
  return true;
}

int emit_report(const rules::ScanResult& result, const std::vector<rules::Rule>& rules,
                const report::ReportOptions& options, const std::string& format,
                const std::string& output) {
  std::string text;
  if (format == "json") {
    text = report::render_json(result, options);
  } else if (format == "sarif") {
    text = report::render_sarif(result, rules, options);
  } else if (format == "junit") {
    text = report::render_junit(result, options, utc_now("%Y-%m-%dT%H:%M:%S"));
  } else if (format == "markdown") {
    text = report::render_markdown(result, rules, options, utc_now("%Y-%m-%dT%H:%M:%SZ"));
  } else if (format == "html") {
    text = report::render_html(result, rules, options, utc_now("%Y-%m-%dT%H:%M:%SZ"));
  } else {
    text = report::render_text(result, options);
  }
  if (!write_output(output, text, std::cerr)) return 2;
  if (has_errors(result.diagnostics)) return 2;
  for (const rules::Finding& f : result.findings) {
    if (report::is_failing(f, options)) return 1;
  }
  return 0;
}

std::string utc_now(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace cmk::cli
