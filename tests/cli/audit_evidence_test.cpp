// The audit report's evidence section: inputs with their SHA-256, rule definitions hashed, the
// settings in effect, the git commit, the time and the verdict.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.hpp"

using cmk::test::contains;
using cmk::test::q;
using cmk::test::run_cmkguard;
using cmk::test::write_temp;

namespace fs = std::filesystem;

namespace {

// The first line `command` prints (run by the shell), without its line break.
std::string first_line_of(const std::string& command, const fs::path& scratch) {
  REQUIRE(std::system((command + " > " + q(scratch)).c_str()) == 0);
  std::ifstream in(scratch);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string sha256_of(const fs::path& file) {
  // The scratch file goes to the test's temporary folder, never beside a source file.
  const fs::path scratch = write_temp("evidence-sha/" + file.filename().string() + ".sha", "");
  const std::string line = first_line_of("sha256sum " + q(file), scratch);
  return line.substr(0, 64);
}

}  // namespace

TEST_CASE("audit evidence: files and rule definitions hashed, settings, verdict, time",
          "[audit_evidence]") {
  const auto tmpl = write_temp("evidence/infra/main.json", cmk::test::kSoftDeleteOffVault);
  const auto params = write_temp("evidence/prod.parameters.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0", "parameters": {}})");
  const auto config = write_temp("evidence/.cmkguard.yaml",
                                 "failOn: medium\nsuppressions:\n  - rule: kv-retention-days\n"
                                 "    justification: Retention is set by policy\n");
  const auto r = run_cmkguard(
      "scan --config " + q(config) + " --format markdown --unknown fail -p " + q(params) +
      " --param sku=premium --location westeurope " + q(tmpl.parent_path()));
  CHECK(r.exit_code == 1);
  const std::string& md = r.out;
  REQUIRE(contains(md, "\n## Evidence\n"));
  CHECK(contains(md, "| input | " + tmpl.string() + " | " + sha256_of(tmpl) + " |"));
  CHECK(contains(
      md, "| parameters (--parameters) | " + params.string() + " | " + sha256_of(params) + " |"));
  CHECK(contains(md, "| configuration | " + config.string() + " | " + sha256_of(config) + " |"));
  const auto rule_file = cmk::test::source_dir() / "rules" / "keyvault" / "kv-soft-delete.yaml";
  CHECK(contains(md, "| kv-soft-delete | high | rules/keyvault/kv-soft-delete.yaml | " +
                         sha256_of(rule_file) + " |"));
  CHECK(
      contains(md, "| verdict | FAIL: 1 finding(s) at or above --fail-on medium (exit code 1) |"));
  CHECK(contains(md, "| tool | cmkguard "));
  CHECK(contains(md, "| fail-on | medium |"));
  CHECK(contains(md, "| unknown results | fail |"));
  CHECK(contains(md, "| parameter values (--param) | sku=premium |"));
  CHECK(contains(md, "| location | westeurope |"));
  CHECK(contains(md, "| tenant id | symbolic (not given) |"));
  CHECK(contains(md, "| suppressions in the configuration | 1 (" + config.string() + ") |"));
  CHECK(contains(md, "| baseline | none |"));
  // Time in UTC, ISO 8601.
  const auto at = md.find("| generated (UTC) | ");
  REQUIRE(at != std::string::npos);
  const std::string when = md.substr(at + 20, 20);
  CHECK(when.size() == 20);
  CHECK(when[4] == '-');
  CHECK(when[10] == 'T');
  CHECK(when[19] == 'Z');
  // The temporary folder is in no repository.
  CHECK(contains(md, "| source revision | not in a git repository"));

  // HTML carries the same evidence.
  const auto html = run_cmkguard("scan --config " + q(config) + " --format html " + q(tmpl)).out;
  CHECK(contains(html, "<h2>Evidence</h2>"));
  CHECK(contains(html, "<td>" + sha256_of(tmpl) + "</td>"));
  CHECK(contains(html, ".FAIL{color:"));  // statuses keep their colours on screen
  CHECK(contains(html, "@media print{"));
  CHECK(contains(html, "break-inside:avoid"));
  CHECK(contains(html, "overflow-wrap:anywhere"));
}

TEST_CASE("audit evidence: the git commit of the inputs, and uncommitted changes",
          "[audit_evidence]") {
  const auto tmpl = write_temp("evidence-git/repo/main.json", cmk::test::kSoftDeleteOffVault);
  const fs::path repo = tmpl.parent_path();
  const std::string git = "git -C " + q(repo) + " -c user.name=t -c user.email=t@example.com ";
  REQUIRE(std::system((git + "init -q && " + git + "add main.json && " + git + "commit -q -m init")
                          .c_str()) == 0);
  const std::string head = first_line_of("git -C " + q(repo) + " rev-parse HEAD", repo / ".head");
  REQUIRE(head.size() == 40);
  auto md = run_cmkguard("scan --no-config --format markdown " + q(tmpl)).out;
  CHECK(contains(md, "| source revision | git commit " + head + " |"));
  std::ofstream(tmpl, std::ios::app) << "\n";
  md = run_cmkguard("scan --no-config --format markdown " + q(tmpl)).out;
  CHECK(contains(
      md, "| source revision | git commit " + head + " (inputs have uncommitted changes) |"));
}

TEST_CASE("audit evidence: input errors make the verdict ERROR; stdin is hashed",
          "[audit_evidence]") {
  const auto broken = write_temp("evidence-err/broken.json", "{\"a\": ");
  auto r = run_cmkguard("scan --no-config --format markdown " + q(broken));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.out, "| verdict | ERROR: 1 input error(s) (exit code 2) |"));
  CHECK(contains(r.out, "## Input errors"));
  const auto t = write_temp("evidence-err/t.json", cmk::test::kSoftDeleteOffVault);
  r = cmk::test::run_cmkguard_with("", "scan --no-config --fail-on none --format markdown -", t);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "| input | <stdin> | " + sha256_of(t) + " |"));
  CHECK(contains(r.out,
                 "| verdict | NOT GATED: 1 failed finding(s) reported, none fails with "
                 "--fail-on none (exit code 0) |"));
}
