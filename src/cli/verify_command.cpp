#include <ctime>
#include <iostream>

#include "arm/parameters.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "crypto/verify_report.hpp"
#include "crypto/verify_run.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kUsage =
    "usage: cmkguard verify [options] TEMPLATE... --keystore DIR\n"
    "Finds the customer-managed key each Microsoft.CognitiveServices/accounts resource references\n"
    "(keyVaultUri + keyName + keyVersion, evaluated with the template's parameters), checks it in\n"
    "the key store and does a canary round trip.\n"
    "exit codes: 0 every key verified, 1 a check failed at or above --fail-on, 2 usage or input "
    "error";

std::optional<report::UnknownPolicy> parse_unknown(const std::string& text) {
  if (text == "fail") return report::UnknownPolicy::Fail;
  if (text == "warn") return report::UnknownPolicy::Warn;
  if (text == "ignore") return report::UnknownPolicy::Ignore;
  return std::nullopt;
}

std::string utc_now(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// The template inputs as scan takes them: parameter files, NAME=VALUE overrides, deployment
// context. False after printing a usage error.
bool read_template_flags(const po::variables_map& vm, crypto::VerifyOptions& out) {
  out.templates = vm["templates"].as<std::vector<std::string>>();
  if (vm.count("parameters")) {
    out.parameter_files = vm["parameters"].as<std::vector<std::string>>();
  }
  if (vm.count("param")) {
    for (const std::string& assignment : vm["param"].as<std::vector<std::string>>()) {
      auto parsed = arm::parse_param_assignment(assignment);
      if (!parsed) {
        std::cerr << "cmkguard verify: --param takes NAME=VALUE, got '" << assignment << "'\n";
        return false;
      }
      out.parameter_overrides.set(parsed->first, std::move(parsed->second));
    }
  }
  out.auto_parameters = !vm["no-auto-parameters"].as<bool>();
  if (vm.count("location")) out.deployment.location = vm["location"].as<std::string>();
  if (vm.count("subscription-id")) {
    out.deployment.subscription_id = vm["subscription-id"].as<std::string>();
  }
  if (vm.count("tenant-id")) out.deployment.tenant_id = vm["tenant-id"].as<std::string>();
  if (vm.count("resource-group")) {
    out.deployment.resource_group = vm["resource-group"].as<std::string>();
  }
  return true;
}
}  // namespace

int run_verify(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "keystore", po::value<std::string>(), "key store directory (cmkguard crypt vault create)")(
      "format,f", po::value<std::string>()->default_value("text"), "text | json | sarif | junit")(
      "output,o", po::value<std::string>()->default_value("-"), "write the report to FILE")(
      "fail-on", po::value<std::string>()->default_value("high"),
      "lowest severity that fails: critical | high | medium | low | info")(
      "unknown", po::value<std::string>()->default_value("warn"),
      "what a key reference not known before deployment does: fail | warn (listed) | ignore")(
      "all", po::bool_switch(), "also list passing checks")(
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
      "verbose,v", po::bool_switch(), "also print notes")(
      "templates", po::value<std::vector<std::string>>(), "templates to verify");
  auto [vm, exit_code] = parse_command_line(args, options, "templates", kUsage);
  if (!vm) return exit_code;
  if (!vm->count("templates") || !vm->count("keystore")) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  report::ReportOptions ro;
  const auto fail_on = rules::parse_severity((*vm)["fail-on"].as<std::string>());
  if (!fail_on) {
    std::cerr << "cmkguard verify: --fail-on takes critical, high, medium, low or info\n";
    return 2;
  }
  ro.fail_on = *fail_on;
  const auto unknown = parse_unknown((*vm)["unknown"].as<std::string>());
  if (!unknown) {
    std::cerr << "cmkguard verify: --unknown takes fail, warn or ignore\n";
    return 2;
  }
  ro.unknown = *unknown;
  ro.include_pass = (*vm)["all"].as<bool>();
  const std::string format = (*vm)["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "sarif" && format != "junit") {
    std::cerr << "cmkguard verify: --format takes text, json, sarif or junit\n";
    return 2;
  }
  crypto::VerifyOptions vo;
  if (!read_template_flags(*vm, vo)) return 2;
  vo.now = crypto::system_now();

  auto vault = crypto::Vault::open((*vm)["keystore"].as<std::string>());
  if (!vault) {
    std::cerr << "cmkguard verify: error: " << vault.error().message << "\n";
    return 2;
  }
  const crypto::VerifyRun run = crypto::verify_templates(vo, *vault);
  const rules::ScanResult result = crypto::to_scan_result(run);
  print_diagnostics(result.diagnostics, std::cerr, (*vm)["verbose"].as<bool>());

  std::string text;
  if (format == "json") {
    text = report::render_json(result, ro);
  } else if (format == "sarif") {
    text = report::render_sarif(result, crypto::verify_rules(), ro);
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
