// Every reporter fed one ScanResult built here, without a scan: a failure, an unknown, a
// suppressed failure, a pass and an input error, each shown as its format promises.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "json/reader.hpp"
#include "report/audit_report.hpp"
#include "report/evidence.hpp"
#include "report/fingerprint.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"
#include "test_support.hpp"

using namespace cmk;
using test::contains;

namespace {

std::vector<rules::Rule> rule_set() {
  rules::Rule purge;
  purge.id = "kv-purge-protection";
  purge.title = "Key vault has purge protection enabled";
  purge.severity = rules::Severity::High;
  purge.resource_types = {"Microsoft.KeyVault/vaults"};
  purge.description = "Purge protection keeps a deleted key recoverable.";
  purge.remediation = "Set properties.enablePurgeProtection to true.";
  rules::Rule tenant = purge;
  tenant.id = "ai-cmk-vault-tenant";
  tenant.title = "Key vault holding the customer-managed key is in the account's Entra tenant";
  tenant.resource_types = {"Microsoft.CognitiveServices/accounts"};
  return {purge, tenant};
}

rules::Finding finding(const rules::Rule& rule, rules::Outcome result, const std::string& name,
                       uint32_t line) {
  rules::Finding f;
  f.rule = &rule;
  f.result = result;
  f.message = rule.title + ": " + name;
  f.file = "infra/main.json";
  f.line = line;
  f.column = 5;
  f.resource_type = rule.resource_types.front();
  f.resource_name = name;
  f.evaluated_name = name;
  f.resource_line = line;
  f.path = "properties";
  return f;
}

struct Fixture {
  std::vector<rules::Rule> rules = rule_set();
  pipeline::ScanResult scan;
  report::ReportOptions options;

  Fixture() {
    scan.findings.push_back(finding(rules[0], rules::Outcome::Fail, "kv-open", 12));
    rules::Finding unknown = finding(rules[1], rules::Outcome::Unknown, "face", 40);
    unknown.unknown_reason = "its value depends on the deployment context";
    unknown.unknown_expression = "subscription().tenantId";
    scan.findings.push_back(unknown);
    rules::Finding accepted = finding(rules[0], rules::Outcome::Fail, "kv-test", 60);
    accepted.suppression = rules::AppliedSuppression{false, "Test vault, recreated nightly",
                                                     ".cmkguard.yaml:3", "2027-01-31"};
    scan.findings.push_back(accepted);
    scan.findings.push_back(finding(rules[0], rules::Outcome::Pass, "kv-good", 80));
    scan.diagnostics.push_back(Diagnostic{DiagnosticLevel::Error, "infra/broken.json", 3, 7,
                                          "expected a JSON value", "  ...,"});
    scan.stats.files = 2;
    scan.stats.templates = 1;
    scan.stats.resources = 4;
    scan.inputs = {"infra/main.json", "infra/broken.json"};
    options.include_pass = true;
  }
};

json::Value parsed(const std::string& text) {
  json::ParseResult p = json::parse(json::SourceText("report", text));
  REQUIRE(p.root);
  return *p.root;
}

}  // namespace

TEST_CASE("reporters: text lists failures and unknowns with their places, and counts errors",
          "[reporters]") {
  Fixture f;
  const std::string text = report::render_text(f.scan, f.options);
  INFO(text);
  CHECK(contains(text, "infra/main.json:12:5: high: "));
  CHECK(contains(text, "[kv-purge-protection]"));
  CHECK(contains(text, "infra/main.json:40:5: high: unknown: "));
  CHECK(contains(text, "[ai-cmk-vault-tenant]"));
  CHECK_FALSE(contains(text, "kv-test"));  // suppressed: not listed without --show-suppressed
  CHECK(contains(text, "2 failed, 1 unknown, 1 passed, 1 suppressed, 1 input error(s)"));
}

TEST_CASE("reporters: JSON carries every result, the suppression and the summary", "[reporters]") {
  Fixture f;
  const json::Value r = parsed(report::render_json(f.scan, f.options));
  REQUIRE(r.find("findings")->items().size() == 4);
  const json::Value& summary = *r.find("summary");
  CHECK(summary.find("failed")->as_int() == 2);  // fail results, suppressed or not
  CHECK(summary.find("unknown")->as_int() == 1);
  CHECK(summary.find("passed")->as_int() == 1);
  CHECK(summary.find("suppressed")->as_int() == 1);
  CHECK(r.find("diagnostics")->items().size() == 1);
}

TEST_CASE("reporters: SARIF names rules, marks the suppression and keeps paths relative",
          "[reporters]") {
  Fixture f;
  const json::Value s = parsed(report::render_sarif(f.scan, f.rules, f.options));
  const json::Value& run = s.find("runs")->items().front();
  CHECK(run.find("tool")->find("driver")->find("rules")->items().size() == 2);
  size_t suppressed = 0;
  for (const json::Value& result : run.find("results")->items()) {
    const json::Value& location =
        *result.find("locations")->items().front().find("physicalLocation");
    // Relative to the repository the scan runs in (the test may run from a subfolder).
    const std::string& uri = location.find("artifactLocation")->find("uri")->as_string();
    CHECK(uri.ends_with("infra/main.json"));
    CHECK(uri.front() != '/');
    CHECK(uri.rfind("file:", 0) != 0);
    CHECK(location.find("artifactLocation")->find("uriBaseId")->as_string() == "%SRCROOT%");
    if (result.find("suppressions")) ++suppressed;
  }
  CHECK(suppressed == 1);
}

TEST_CASE("reporters: JUnit has a case per rule and resource, failures once", "[reporters]") {
  Fixture f;
  const std::string xml = report::render_junit(f.scan, f.options, "2026-12-01T10:00:00");
  CHECK(
      contains(xml, "kv-purge-protection Microsoft.KeyVault/vaults kv-open (infra/main.json:12)"));
  CHECK(contains(xml, "<failure"));
  CHECK(contains(xml, "<skipped"));  // the unknown, under --unknown warn
  CHECK(contains(xml, "timestamp=\"2026-12-01T10:00:00\""));
}

TEST_CASE("reporters: JUnit keeps its layout, a line per suite child, a failure inside its case",
          "[reporters]") {
  Fixture f;
  const std::string xml = report::render_junit(f.scan, f.options, "2026-12-01T10:00:00");
  INFO(xml);
  CHECK(xml.starts_with(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
      "  <testsuite package=\"cmkguard\" id=\"0\" name=\"infra/main.json\" "
      "file=\"infra/main.json\" timestamp=\"2026-12-01T10:00:00\" hostname=\"localhost\" "
      "tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"2\" time=\"0\">\n    <properties/>\n"
      "    <testcase classname=\"kv-purge-protection\" name=\"kv-purge-protection "
      "Microsoft.KeyVault/vaults kv-open (infra/main.json:12)\" time=\"0\"><failure "
      "message=\"Key vault has purge protection enabled: kv-open\" type=\"high\">"
      "infra/main.json:12:5\nRemediation: Set properties.enablePurgeProtection to true."
      "</failure></testcase>\n"));
  CHECK(contains(xml, "<skipped message=\"suppressed: Test vault, recreated nightly\"/>"));
  CHECK(contains(xml,
                 "kv-good (infra/main.json:80)\" time=\"0\"/>\n    <system-out/>\n"
                 "    <system-err/>\n  </testsuite>\n"));
  CHECK(xml.ends_with(
      "  <testsuite package=\"cmkguard\" id=\"1\" name=\"infra/broken.json\" "
      "file=\"infra/broken.json\" timestamp=\"2026-12-01T10:00:00\" hostname=\"localhost\" "
      "tests=\"1\" failures=\"0\" errors=\"1\" time=\"0\">\n    <properties/>\n"
      "    <testcase classname=\"input\" name=\"input error (infra/broken.json:3:7)\" "
      "time=\"0\"><error message=\"expected a JSON value\" type=\"input-error\">"
      "infra/broken.json:3:7</error></testcase>\n    <system-out/>\n    <system-err/>\n"
      "  </testsuite>\n</testsuites>\n"));
}

TEST_CASE("reporters: JUnit text is escaped by the XML writer and stays XML 1.0", "[reporters]") {
  Fixture f;
  f.scan.findings[0].message = "one\ntwo\tthree\x01 'q' \"d\" <&> \xff";
  f.rules[0].remediation = "a < b & 'c' \"d\"\x1b";
  const std::string xml = report::render_junit(f.scan, f.options, "2026-12-01T10:00:00");
  INFO(xml);
  // A line break or tab in an attribute is a character reference, so XML readers keep it (a raw
  // one would be read as a space); forbidden control characters are spaces, bad bytes U+FFFD.
  CHECK(contains(xml,
                 "<failure message=\"one&#10;two&#09;three  'q' &quot;d&quot; &lt;&amp;> "
                 "\xEF\xBF\xBD\" type=\"high\">"));
  CHECK(contains(xml, "Remediation: a &lt; b &amp; 'c' \"d\" </failure>"));
}

TEST_CASE("reporters: audit reports show accepted risk, input errors and the evidence",
          "[reporters]") {
  Fixture f;
  report::Evidence evidence;
  evidence.generated = "2026-12-01T10:00:00Z";
  evidence.files = {{"input", "infra/main.json", report::sha256_hex("{}")}};
  evidence.revision = "not in a git repository";
  for (const std::string& out : {report::render_markdown(f.scan, f.rules, f.options, evidence),
                                 report::render_html(f.scan, f.rules, f.options, evidence)}) {
    CHECK(contains(out, "kv-purge-protection"));
    CHECK(contains(out, "Test vault, recreated nightly"));
    CHECK(contains(out, "2027-01-31"));
    CHECK(contains(out, "expected a JSON value"));
    CHECK(contains(out, report::sha256_hex("{}")));
    CHECK(contains(out, "not in a git repository"));
  }
}
