// End-to-end: the cmkguard binary as a user runs it.

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "json/reader.hpp"
#include "test_support.hpp"

using cmk::test::q;

using namespace cmk;
using test::run_cmkguard;
using test::write_temp;

namespace {

const std::string kVault = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv",
      "location": "westeurope",
      "properties": {
        "tenantId": "[subscription().tenantId]",
        "sku": {"family": "A", "name": "standard"},
        "enableSoftDelete": true,
        "enablePurgeProtection": PURGE
      }
    }
  ]
})";

std::string vault(const std::string& purge) {
  return std::regex_replace(kVault, std::regex("PURGE"), purge);
}

}  // namespace

TEST_CASE("scan: exit codes follow --fail-on and --unknown") {
  const auto good = write_temp("e2e/good.json", vault("true"));
  const auto bad = write_temp("e2e/bad.json", vault("false"));
  const auto unknown = write_temp("e2e/unknown.json", vault("\"[parameters('p')]\""));

  auto r = run_cmkguard("scan " + q(good));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("0 failed") != std::string::npos);

  r = run_cmkguard("scan " + q(bad));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(bad.string() + ":14:9: high: Key vault 'kv' does not enable purge protection") ==
        0);
  CHECK(r.out.find("[kv-purge-protection]") != std::string::npos);
  CHECK(run_cmkguard("scan --fail-on critical " + q(bad)).exit_code == 0);

  r = run_cmkguard("scan " + q(unknown));
  CHECK(r.exit_code == 0);  // unknown warns by default
  CHECK(r.out.find(":14:9: high: unknown: ") != std::string::npos);
  CHECK(r.out.find("[parameters('p')]") != std::string::npos);
  CHECK(run_cmkguard("scan --unknown fail " + q(unknown)).exit_code == 1);
  r = run_cmkguard("scan --unknown ignore " + q(unknown));
  CHECK(r.out.find("unknown:") == std::string::npos);
}

TEST_CASE("scan: malformed input names file, line and column, and the rest is still scanned") {
  const auto broken =
      write_temp("e2e2/a-broken.json", "{\n  \"resources\": [\n    {\"type\": }\n  ]\n}\n");
  write_temp("e2e2/b-bad.json", vault("false"));
  const auto r = run_cmkguard("scan " + q(broken.parent_path()));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(broken.string() + ":3:14: error: expected a JSON value\n      {\"type\": }\n"
                                     "               ^") != std::string::npos);
  CHECK(r.out.find("b-bad.json:14:9: high:") != std::string::npos);
}

TEST_CASE("scan: usage errors exit 2 with a message") {
  auto r = run_cmkguard("scan");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no PATH given") != std::string::npos);
  r = run_cmkguard("scan --bogus x");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unrecognised option '--bogus'") != std::string::npos);
  CHECK(run_cmkguard("scan --fail-on severe x").exit_code == 2);
  CHECK(run_cmkguard("scan --format yaml x").exit_code == 2);
  r = run_cmkguard("scan /no/such/file.json");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/no/such/file.json: error: no such file or directory") != std::string::npos);
  CHECK(run_cmkguard("frobnicate").exit_code == 2);
  CHECK(run_cmkguard("scan --help").exit_code == 0);
}

TEST_CASE("scan: JSON report carries every required field") {
  const auto bad = write_temp("e2e3/bad.json", vault("false"));
  const auto r = run_cmkguard("scan --format json " + q(bad));
  CHECK(r.exit_code == 1);
  json::ParseResult p = json::parse(json::SourceText("report", r.out));
  REQUIRE(p.root);
  const json::Value& f = p.root->find("findings")->items().at(0);
  CHECK(f.find("rule")->as_string() == "kv-purge-protection");
  CHECK(f.find("result")->as_string() == "fail");
  CHECK(f.find("severity")->as_string() == "high");
  CHECK(f.find("file")->as_string() == bad.string());
  CHECK(f.find("line")->as_int() == 14);
  CHECK(f.find("column")->as_int() == 9);
  CHECK(f.find("type")->as_string() == "Microsoft.KeyVault/vaults");
  CHECK(f.find("name")->as_string() == "kv");
  CHECK(f.find("evaluatedName")->as_string() == "kv");
  CHECK(p.root->find("summary")->find("failing")->as_int() == 1);
  // --all lists passes too.
  const auto all = run_cmkguard("scan --all --format json " + q(bad));
  CHECK(all.out.find("\"result\": \"pass\"") != std::string::npos);
}

TEST_CASE("samples: the good ones are clean, each bad one yields exactly its finding") {
  // samples/README.md maps each sample to the rule it must trigger: | file | rule-id | ... |
  std::ifstream readme(test::source_dir() / "samples" / "README.md");
  REQUIRE(readme);
  const std::regex row(
      R"(^\|\s*`?([\w.-]+\.json)`?\s*\|\s*`?([a-z0-9-]+(?:, [a-z0-9-]+)*|—|-|none)`?\s*\|)");
  const std::regex tenant(R"(`(--tenant-id [0-9a-f-]+)`)");
  std::string line;
  size_t good = 0, bad = 0;
  while (std::getline(readme, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    const std::string file = m[1];
    std::set<std::string> rules;
    for (size_t at = 0, end = 0; end != std::string::npos; at = end + 2) {
      end = m[2].str().find(", ", at);
      rules.insert(m[2].str().substr(at, end - at));
    }
    std::smatch flags;
    const std::string extra = std::regex_search(line, flags, tenant) ? flags[1].str() + " " : "";
    const auto path = test::source_dir() / "samples" / file;
    INFO(file);
    REQUIRE(std::filesystem::exists(path));
    const auto r = run_cmkguard("scan --fail-on info " + extra + q(path));
    std::set<std::string> failed;
    size_t unknown = 0;
    std::istringstream out(r.out);
    for (std::string l; std::getline(out, l);) {
      std::smatch f;
      if (l.find(": unknown: ") != std::string::npos) ++unknown;
      if (l.find(": unknown: ") == std::string::npos &&
          std::regex_search(l, f, std::regex(R"( \[([a-z0-9-]+)\]( \(|$))"))) {
        failed.insert(f[1]);
      }
    }
    if (file.rfind("good", 0) == 0) {
      ++good;
      CHECK(r.exit_code == 0);
      CHECK(failed.empty());
      CHECK(unknown == 0);  // a compliant deployment is decided, not left unknown
    } else {
      ++bad;
      CHECK(r.exit_code == 1);
      CHECK(failed == rules);
    }
  }
  CHECK(good >= 1);
  CHECK(bad >= 7);
}

TEST_CASE("scan: a linked template's findings point into it; its own comments suppress them") {
  // The vault passes on its own (purge defaults to true); deployed from main.json it fails.
  const std::string vault_template = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"purge": {"type": "bool", "defaultValue": true}},
  "resources": [
    COMMENT
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv-linked",
     "properties": {"enablePurgeProtection": "[parameters('purge')]"}}
  ]
})";
  // Its comment covers line 6 of main.json, the line the linked finding has in its own file.
  const std::string main_template = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [

    // cmkguard-ignore kv-purge-protection: a comment about main.json, not the linked file
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "vault",
     "properties": {"mode": "Incremental", "templateLink": {"relativePath": "nested/vault.json"},
                    "parameters": {"purge": {"value": false}}}}
  ]
})";
  const auto main = write_temp("e2e-linked/main.json", main_template);
  write_temp("e2e-linked/nested/vault.json",
             std::regex_replace(vault_template, std::regex("COMMENT"), ""));
  auto r = run_cmkguard("scan --no-config " + q(main.parent_path()));
  CHECK(r.exit_code == 1);
  const std::string linked = (main.parent_path() / "nested" / "vault.json").string();
  CHECK(
      r.out.find(linked + ":7:21: high: Key vault 'kv-linked' does not enable purge protection") !=
      std::string::npos);
  CHECK(r.err.find("main.json:5:1: warning: unused suppression") != std::string::npos);

  write_temp("e2e-linked/nested/vault.json",
             std::regex_replace(vault_template, std::regex("COMMENT"),
                                "// cmkguard-ignore kv-purge-protection: a test vault"));
  r = run_cmkguard("scan --no-config " + q(main.parent_path()));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("1 suppressed") != std::string::npos);
  // Read on its own the vault passes, but the comment was used when main.json deployed it.
  CHECK(r.err.find("vault.json:5:1: warning: unused suppression") == std::string::npos);
}
