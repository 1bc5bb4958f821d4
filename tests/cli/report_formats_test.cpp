// SARIF and JUnit outputs as CI systems read them. (The JSON schemas, SARIF's included, are
// checked with ajv by tests/schema/validate.mjs.)

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <set>

#include "json/reader.hpp"
#include "test_support.hpp"

using cmk::test::q;

using namespace cmk;
using test::run_cmkguard;

namespace {

const std::string kBadVault = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv & <co>",
    "properties": {"enableSoftDelete": false, "enablePurgeProtection": "[parameters('p')]"}}]
})";

// The windyroad (Ant) schema has no `file` attribute anywhere; Jenkins xunit's allows it on a
// suite. The report is checked as written against Jenkins', and without `file` against Ant's.
void check_junit_xsds(const std::filesystem::path& report) {
  REQUIRE(std::system("command -v xmllint >/dev/null 2>&1") == 0);
  const auto found = test::shared_path("reference/junit");
  if (!found) return;
  const auto& dir = *found;
  CHECK(std::system(("xmllint --noout --schema " + q(dir / "junit-10.xsd") + " " + q(report) +
                     " 2>/dev/null")
                        .c_str()) == 0);
  const auto stripped = report.string() + ".nofile.xml";
  CHECK(std::system(("sed 's/ file=\"[^\"]*\"//' " + q(report) + " > " + q(stripped) +
                     " && xmllint --noout --schema " + q(dir / "JUnit.xsd") + " " + q(stripped) +
                     " 2>/dev/null")
                        .c_str()) == 0);
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("junit output validates against both common JUnit XSDs", "[junit]") {
  const auto bad = test::write_temp("junit/bad.json", kBadVault);
  test::write_temp("junit/broken.json", "{\"a\": ");
  const auto out = bad.parent_path() / "report.xml";
  const auto r =
      run_cmkguard("scan --format junit --output " + q(out) + " " + q(bad.parent_path()));
  CHECK(r.exit_code == 2);  // the broken file is an input error
  REQUIRE(std::filesystem::exists(out));
  check_junit_xsds(out);
  const auto text = run_cmkguard("scan --format junit " + q(bad)).out;
  CHECK(text.find("<failure message=\"Key vault 'kv &amp; &lt;co>' disables soft delete") !=
        std::string::npos);
  CHECK(text.find("<skipped message=") != std::string::npos);
  CHECK(run_cmkguard("scan --format junit --unknown fail " + q(bad)).out.find("<skipped") ==
        std::string::npos);
}

TEST_CASE("junit: a case per rule and resource, named with file:line, failure text once",
          "[junit]") {
  // Two vaults with one name expression: distinct cases all the same.
  const auto two = test::write_temp("junit-names/two.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"n": {"type": "string"}},
  "resources": [
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "[parameters('n')]",
     "properties": {"enableSoftDelete": false}},
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "[parameters('n')]",
     "properties": {"enableSoftDelete": false}}
  ]
})");
  const auto out = two.parent_path() / "r.xml";
  const auto r = run_cmkguard("scan --no-config --all --format junit -o " + q(out) + " " + q(two));
  CHECK(r.exit_code == 1);
  check_junit_xsds(out);
  std::ifstream in(out);
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(count(xml, "<testsuite ") == 1);
  CHECK(xml.find("file=\"" + two.string() + "\"") != std::string::npos);
  const std::string first = "name=\"kv-soft-delete Microsoft.KeyVault/vaults [parameters('n')] (" +
                            two.string() + ":6)\"";
  const std::string second = "name=\"kv-soft-delete Microsoft.KeyVault/vaults [parameters('n')] (" +
                             two.string() + ":8)\"";
  CHECK(count(xml, first) == 1);
  CHECK(count(xml, second) == 1);
  // Every case name is distinct.
  std::set<std::string> names;
  size_t cases = 0;
  for (auto at = xml.find("<testcase "); at != std::string::npos;
       at = xml.find("<testcase ", at + 1)) {
    const auto name = xml.find(" name=\"", at) + 7;
    names.insert(xml.substr(name, xml.find('"', name) - name));
    ++cases;
  }
  CHECK(cases >= 4);
  CHECK(names.size() == cases);
  // The message is the attribute; the body says where and how to fix it, not the message again.
  const std::string message = "disables soft delete";
  CHECK(count(xml, message) == 2);
  CHECK(xml.find(":6:21\nRemediation: ") != std::string::npos);
  CHECK(xml.find("Remediation: ") != std::string::npos);
}

TEST_CASE("sarif output: rules, results with kind and level, locations, fingerprints") {
  const auto bad = test::write_temp("sarif/bad.json", kBadVault);
  const auto r = run_cmkguard("scan --format sarif " + q(bad));
  CHECK(r.exit_code == 1);
  json::ParseResult p = json::parse(json::SourceText("sarif", r.out));
  REQUIRE(p.root);
  CHECK(p.root->find("version")->as_string() == "2.1.0");
  const json::Value& run = p.root->find("runs")->items().at(0);
  const json::Value& driver = *run.find("tool")->find("driver");
  CHECK(driver.find("rules")->items().size() >= 7);
  CHECK(driver.find("fullName")->as_string().find("cmkguard ") == 0);
  CHECK(run.find("automationDetails")->find("id")->as_string() == "cmkguard/");
  const std::string root =
      run.find("originalUriBaseIds")->find("%SRCROOT%")->find("uri")->as_string();
  CHECK(root.find("file:///") == 0);
  CHECK(root.back() == '/');
  for (const json::Value& rule : driver.find("rules")->items()) {
    if (rule.find("id")->as_string() != "kv-soft-delete") continue;
    CHECK(rule.find("name")->as_string() == "KvSoftDelete");
    CHECK(rule.find("fullDescription")->find("text")->as_string().size() > 0);
    const std::string help = rule.find("help")->find("text")->as_string();
    CHECK(run_cmkguard("explain kv-soft-delete").out.find(help) != std::string::npos);
    CHECK(rule.find("help")->find("markdown")->as_string().find("## Remediation") !=
          std::string::npos);
  }
  const json::Array& results = run.find("results")->items();
  REQUIRE(results.size() == 2);  // soft delete fails; purge protection unknown; retention passes
  bool saw_fail = false, saw_review = false;
  for (const json::Value& res : results) {
    const std::string kind = res.find("kind")->as_string();
    if (kind == "fail") {
      saw_fail = true;
      CHECK(res.find("ruleId")->as_string() == "kv-soft-delete");
      CHECK(res.find("level")->as_string() == "error");
      const json::Value& region =
          *res.find("locations")->items()[0].find("physicalLocation")->find("region");
      CHECK(region.find("startLine")->as_int() == 4);
      const json::Value& artifact =
          *res.find("locations")->items()[0].find("physicalLocation")->find("artifactLocation");
      CHECK(artifact.find("uriBaseId")->as_string() == "%SRCROOT%");
      CHECK(artifact.find("uri")->as_string().find("file:") == std::string::npos);
      CHECK(artifact.find("uri")->as_string().find("sarif/bad.json") != std::string::npos);
      CHECK(res.find("partialFingerprints")->find("cmkguardFinding/v2")->as_string().size() == 32);
    } else {
      saw_review = kind == "review";
      CHECK(res.find("level")->as_string() == "none");
    }
  }
  CHECK(saw_fail);
  CHECK(saw_review);
}

TEST_CASE("sarif-github output: open failures only, as GitHub ignores kind and suppressions") {
  const auto bad = test::write_temp("sarif-github/bad.json", kBadVault);
  const auto r = run_cmkguard("scan --no-config --all --format sarif-github " + q(bad));
  CHECK(r.exit_code == 1);
  json::ParseResult p = json::parse(json::SourceText("sarif", r.out));
  REQUIRE(p.root);
  const json::Value& run = p.root->find("runs")->items().at(0);
  CHECK(run.find("tool")->find("driver")->find("rules")->items().size() >= 7);
  const json::Array& results = run.find("results")->items();
  REQUIRE(results.size() == 1);  // the unknown and the pass are left out
  CHECK(results[0].find("ruleId")->as_string() == "kv-soft-delete");
  CHECK(results[0].find("kind")->as_string() == "fail");
}

TEST_CASE("audit report: a rule whose only results are accepted risks is ACCEPTED, with expiry") {
  const auto bad = test::write_temp("audit-accepted/bad.json", kBadVault);
  const auto config = test::write_temp("audit-accepted/.cmkguard.yaml",
                                       "suppressions:\n"
                                       "  - rule: kv-soft-delete\n"
                                       "    justification: Test vault, recreated nightly\n"
                                       "    expires: \"2099-12-31\"\n");
  const auto r = run_cmkguard("scan --config " + q(config) + " --format markdown " + q(bad));
  CHECK(r.out.find("| `kv-soft-delete` Key vault keeps soft delete enabled | high | ACCEPTED |") !=
        std::string::npos);
  CHECK(r.out.find("expires 2099-12-31): Test vault, recreated nightly") != std::string::npos);
}

TEST_CASE("markdown and html audit reports: per-rule status, findings, escaping") {
  const auto bad = test::write_temp("audit/bad.json", kBadVault);
  auto r = run_cmkguard("scan --no-config --format markdown " + q(bad));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("# Customer-managed key compliance report") == 0);
  CHECK(r.out.find("| `kv-soft-delete` Key vault keeps soft delete enabled | high | FAIL | 1 | 0 | "
                   "0 | 0 |") != std::string::npos);
  CHECK(r.out.find("| `kv-purge-protection` Key vault has purge protection enabled | high | "
                   "UNDECIDED | 0 | 1 |") != std::string::npos);
  CHECK(r.out.find("- **undecided** `" + bad.string() + ":4:") != std::string::npos);
  r = run_cmkguard("scan --no-config --format html " + q(bad));
  CHECK(r.out.find("<!DOCTYPE html>") == 0);
  CHECK(r.out.find("kv &amp; &lt;co&gt;") != std::string::npos);
  CHECK(r.out.find("<co>") == std::string::npos);
  CHECK(r.out.find("class=\"FAIL\">FAIL</td>") != std::string::npos);
}
