// libFuzzer target: one input file through the scan pipeline as `cmkguard scan` runs it:
// load_text -> classify -> build_model -> run_rules (built-in rules) -> text, JSON, SARIF and
// JUnit reports. Parameters files go through parameter_values_of / apply_overrides as well.
// Oracles (CMKGUARD_FUZZ_OUTPUT=0 off, =syntax without the UTF-8 checks): the JSON and SARIF
// reports parse as strict JSON with valid UTF-8; the JUnit report is valid UTF-8 without
// XML-forbidden characters.

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "arm/input_file.hpp"
#include "arm/parameters.hpp"
#include "arm/template_model.hpp"
#include "fuzz_common.hpp"
#include "json/diagnostic.hpp"
#include "pipeline/scan.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/report_options.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"
#include "rules/engine.hpp"
#include "rules/rule_loader.hpp"

namespace {

const cmk::rules::RuleLoadResult& builtin() {
  static const cmk::rules::RuleLoadResult r = [] {
    cmk::rules::RuleLoadResult loaded = cmk::rules::builtin_rules();
    if (loaded.rules.empty() || cmk::has_errors(loaded.diagnostics)) {
      cmk::fuzz::fail("the built-in rules do not load");
    }
    return loaded;
  }();
  return r;
}

void check_json_output(const std::string& out, const char* what, bool utf8) {
  rapidjson::Document doc;
  if (utf8) {
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(out.c_str(), out.size());
  } else {
    doc.Parse(out.c_str(), out.size());
  }
  if (doc.HasParseError()) {
    cmk::fuzz::fail(what, std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at " +
                              std::to_string(doc.GetErrorOffset()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)builtin();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cmk;
  // A display path with odd characters exercises the URI and XML escaping of the reports.
  arm::LoadResult loaded = arm::load_text("dir/t e&m<p>\"'%.json",
                                          std::string(reinterpret_cast<const char*>(data), size));

  pipeline::ScanResult scan;
  scan.stats.files = 1;
  for (Diagnostic& d : loaded.diagnostics) {
    (void)format_diagnostic(d);
    scan.diagnostics.push_back(std::move(d));
  }
  if (loaded.file) {
    const arm::InputFile& file = *loaded.file;
    (void)arm::file_kind_name(file.kind);
    if (file.kind == arm::FileKind::Parameters) {
      ++scan.stats.parameter_files;
      Diagnostics pd;
      arm::ParameterValues values = arm::parameter_values_of(file, pd);
      arm::ParameterValues base = json::Value::object();
      arm::apply_overrides(base, values);
      arm::apply_overrides(values, base);
      (void)json::to_json(values);
      for (const Diagnostic& d : pd) (void)format_diagnostic(d);
    }
    if (file.kind == arm::FileKind::Template) ++scan.stats.templates;
    if (file.kind == arm::FileKind::LiveResources) ++scan.stats.live_files;
    const arm::Model model = arm::build_model(file);
    scan.stats.resources = model.resources.size();
    for (const Diagnostic& d : model.diagnostics) {
      (void)format_diagnostic(d);
      scan.diagnostics.push_back(d);
    }
    for (const arm::Resource& r : model.resources) (void)json::to_json(r.body);
    scan.findings = rules::run_rules(builtin().rules, model);
  }

  // Report options from the last byte, so one corpus covers them all.
  report::ReportOptions options;
  const uint8_t k = size ? data[size - 1] : 0;
  options.include_pass = k & 1;
  options.unknown = (k & 6) == 0   ? report::UnknownPolicy::Fail
                    : (k & 6) == 2 ? report::UnknownPolicy::Ignore
                                   : report::UnknownPolicy::Warn;
  options.fail_on = static_cast<rules::Severity>((k >> 3) % 5);

  const std::string text = report::render_text(scan, options);
  const std::string json = report::render_json(scan, options);
  const std::string sarif = report::render_sarif(scan, builtin().rules, options);
  const std::string junit = report::render_junit(scan, options, "2026-01-01T00:00:00");
  for (const rules::Finding& f : scan.findings) (void)report::finding_fingerprint(f);

  if (const auto mode = fuzz::output_checks(); mode != fuzz::OutputChecks::Off) {
    const bool utf8 = mode == fuzz::OutputChecks::Full;
    check_json_output(json, "JSON report is not valid JSON:", utf8);
    check_json_output(sarif, "SARIF report is not valid JSON:", utf8);
    CMK_FUZZ_CHECK(!utf8 || fuzz::valid_utf8(junit), "JUnit report is not valid UTF-8");
    CMK_FUZZ_CHECK(fuzz::valid_xml_chars(junit), "JUnit report has an XML-forbidden character");
  }
  return 0;
}
