#include "cli/report_flags.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string_view>

#include "arm/parameters.hpp"
#include "report/audit_report.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/pipeline_run.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"
#include "util/spelling.hpp"

namespace cmk::cli {

namespace {
bool given(const po::variables_map& vm, const char* name) {
  return vm.count(name) && !vm[name].defaulted();
}

// The format names joined by `separator`: "text | json | ..." for help, "text, json, ..." for
// errors.
std::string joined_format_names(std::string_view separator) {
  std::string out;
  for (const std::string& name : report::format_names()) {
    if (!out.empty()) out += separator;
    out += name;
  }
  return out;
}

// The format a flag names; a usage error (with a suggestion) for a name that is none.
std::optional<report::Format> read_format(const char* command, const char* flag,
                                          const std::string& name) {
  if (auto format = report::parse_format(name)) return format;
  std::cerr << "cmkguard " << command << ": " << flag << ": unknown format '" << name << "'"
            << did_you_mean(name, report::format_names())
            << "; formats: " << joined_format_names(", ") << "\n";
  return std::nullopt;
}

// "FORMAT=FILE" when the text before the first '=' could be a format name rather than part of
// a path; a file whose name holds '=' can still be given as ./NAME.
struct NamedTarget {
  std::string format;
  std::string file;
};
std::optional<NamedTarget> split_target(const std::string& value) {
  const auto eq = value.find('=');
  if (eq == std::string::npos || eq == 0) return std::nullopt;
  std::string head = value.substr(0, eq);
  if (head.find_first_of("/\\.") != std::string::npos) return std::nullopt;
  return NamedTarget{std::move(head), value.substr(eq + 1)};
}
}  // namespace

void add_report_flags(po::options_description& options, const char* unknown_help) {
  const std::string formats = joined_format_names(" | ");
  options.add_options()("format,f", po::value<std::string>()->default_value("text"),
                        formats.c_str())(
      "output,o", po::value<std::vector<std::string>>()->composing(),
      "write the report to FILE; FORMAT=FILE writes one more report (repeatable)")(
      "fail-on", po::value<std::string>()->default_value("high"),
      "lowest severity that fails: critical | high | medium | low | info | none")(
      "unknown", po::value<std::string>()->default_value("warn"), unknown_help)(
      "all", po::bool_switch(), "also list passing checks")(
      "color", po::value<std::string>()->default_value("auto"),
      "colour the text report: auto (on a terminal, unless NO_COLOR is set) | always | never");
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
      "resource-group", po::value<std::string>(), "resource group name of the deployment")(
      "max-file-size", po::value<std::string>(),
      "largest file read, in bytes (default 67108864, 64 MiB); a larger one is an input error");
}

std::optional<std::uintmax_t> read_max_file_size(const po::variables_map& vm, const char* command) {
  if (!vm.count("max-file-size")) return kDefaultMaxFileSize;
  const std::string text = vm["max-file-size"].as<std::string>();
  const std::optional<std::uintmax_t> size = parse_positive<std::uintmax_t>(text);
  if (!size) {
    std::cerr << "cmkguard " << command
              << ": --max-file-size takes a positive number of bytes, got '" << text << "'\n";
  }
  return size;
}

std::optional<report::ReportOptions> read_report_flags(
    const po::variables_map& vm, const char* command,
    std::optional<rules::Severity> configured_fail_on,
    std::optional<std::string> configured_unknown, bool configured_fail_never) {
  report::ReportOptions ro;
  ro.azure_pipeline =
      report::azure_pipeline_run([](const char* name) { return std::getenv(name); });
  const std::string fail_on_flag = vm["fail-on"].as<std::string>();
  const auto fail_on = rules::parse_severity(fail_on_flag);
  if (!fail_on && fail_on_flag != "none") {
    std::cerr << "cmkguard " << command
              << ": --fail-on takes critical, high, medium, low, info or none\n";
    return std::nullopt;
  }
  if (!fail_on || (!given(vm, "fail-on") && configured_fail_never)) {
    ro.fail_never = true;  // soft fail: input errors still exit 2
  } else {
    ro.fail_on = given(vm, "fail-on") || !configured_fail_on ? *fail_on : *configured_fail_on;
  }
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

namespace {
// Whether the console gets colour: --color, else a terminal without NO_COLOR (no-color.org:
// set and not empty) or TERM=dumb. Files get colour only with --color always.
std::optional<std::pair<bool, bool>> read_color(const po::variables_map& vm, const char* command) {
  const std::string mode = vm.count("color") ? vm["color"].as<std::string>() : "never";
  if (mode == "always") return std::pair{true, true};
  if (mode == "never") return std::pair{false, false};
  if (mode != "auto") {
    std::cerr << "cmkguard " << command << ": --color takes auto, always or never\n";
    return std::nullopt;
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  const bool console = ::isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
                       !(term && std::string_view(term) == "dumb");
  return std::pair{console, false};
}
}  // namespace

std::optional<std::vector<ReportTarget>> read_report_targets(const po::variables_map& vm,
                                                             const char* command) {
  const auto color = read_color(vm, command);
  if (!color) return std::nullopt;
  const auto format = read_format(command, "--format", vm["format"].as<std::string>());
  if (!format) return std::nullopt;
  std::vector<ReportTarget> targets{{*format, "-"}};
  bool primary_file = false;
  const std::vector<std::string> values =
      vm.count("output") ? vm["output"].as<std::vector<std::string>>() : std::vector<std::string>{};
  for (const std::string& value : values) {
    std::optional<NamedTarget> extra = split_target(value);
    if (!extra) {
      if (primary_file) {
        std::cerr << "cmkguard " << command
                  << ": --output FILE given twice (use FORMAT=FILE for more reports)\n";
        return std::nullopt;
      }
      primary_file = true;
      targets.front().file = value;
      continue;
    }
    const auto extra_format = read_format(command, "--output", extra->format);
    if (!extra_format) return std::nullopt;
    if (extra->file.empty() || extra->file == "-") {
      std::cerr << "cmkguard " << command << ": --output " << value
                << ": FORMAT=FILE needs a file (the console gets the --format report)\n";
      return std::nullopt;
    }
    targets.push_back(ReportTarget{*extra_format, std::move(extra->file)});
  }
  for (size_t i = 0; i < targets.size(); ++i) {
    for (size_t j = i + 1; j < targets.size(); ++j) {
      if (targets[i].file != "-" && targets[i].file == targets[j].file) {
        std::cerr << "cmkguard " << command << ": --output names " << targets[i].file << " twice\n";
        return std::nullopt;
      }
    }
  }
  for (ReportTarget& t : targets) t.color = t.file == "-" ? color->first : color->second;
  return targets;
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
  const auto max_file_size = read_max_file_size(vm, command);
  if (!max_file_size) return false;
  inputs.max_file_size = *max_file_size;
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

std::string render_report(const pipeline::ScanResult& result, const std::vector<rules::Rule>& rules,
                          const report::ReportOptions& options, report::Format format,
                          const report::Evidence* evidence) {
  // A report written without gathered evidence (verify) still says when it was made.
  const report::Evidence minimal{utc_now("%Y-%m-%dT%H:%M:%SZ"), {}, {}, "not recorded"};
  switch (format) {
    case report::Format::Text:
      break;
    case report::Format::Json:
      return report::render_json(result, options);
    case report::Format::Sarif:
      return report::render_sarif(result, rules, options);
    case report::Format::SarifGithub:
      return report::render_sarif(result, rules, options, report::SarifProfile::GitHubCodeScanning);
    case report::Format::Junit:
      return report::render_junit(result, options, utc_now("%Y-%m-%dT%H:%M:%S"));
    case report::Format::Markdown:
      return report::render_markdown(result, rules, options, evidence ? *evidence : minimal);
    case report::Format::Html:
      return report::render_html(result, rules, options, evidence ? *evidence : minimal);
  }
  return report::render_text(result, options);
}

int emit_report(const pipeline::ScanResult& result, const std::vector<rules::Rule>& rules,
                const report::ReportOptions& options, const std::vector<ReportTarget>& targets,
                const report::Evidence* evidence) {
  bool written = true;
  for (const ReportTarget& t : targets) {
    report::ReportOptions o = options;
    o.color = t.color;
    // Every report is attempted: one unwritable file does not cost the others.
    written =
        write_output(t.file, render_report(result, rules, o, t.format, evidence), std::cerr) &&
        written;
  }
  if (!written || has_errors(result.diagnostics)) return 2;
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
