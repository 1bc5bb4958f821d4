// `cmkguard test` on fixtures that are wrong: each miss is an error at the annotation's line,
// named for what went wrong, and the run exits 1 (2 when there is nothing to test).

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "test_support.hpp"

using cmk::test::contains;
using cmk::test::q;
using cmk::test::read_text;
using cmk::test::run_cmkguard;
using cmk::test::source_dir;
using cmk::test::write_temp;

namespace {

const std::string kVault = R"({"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",)";

// A folder holding kv-purge-protection's rule and the given fixture files (name -> text).
std::filesystem::path rule_folder(const std::string& folder,
                                  const std::vector<std::pair<std::string, std::string>>& files) {
  const auto rule = write_temp(folder + "/kv-purge-protection.yaml",
                               read_text(source_dir() / "rules/keyvault/kv-purge-protection.yaml"));
  for (const auto& [name, text] : files) write_temp(folder + "/" + name, text);
  return rule.parent_path();
}

}  // namespace

TEST_CASE("fixture runner: a wrong expectation, an unannotated result, a wrong unknown",
          "[fixtures]") {
  const auto dir =
      rule_folder("fixtures-wrong",
                  {{"kv-purge-protection.fixture.json",
                    "{\n"  // 1
                    "  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                    "deploymentTemplate.json#\",\n"         // 2
                    "  \"resources\": [\n"                  // 3
                    "    // ruleid: kv-purge-protection\n"  // 4
                    "    " +
                        kVault +
                        " \"name\": \"kv1\", \"properties\": {}},\n"  // 5
                        "    // ok: kv-purge-protection\n"            // 6
                        "    " +
                        kVault +
                        " \"name\": \"kv2\", \"properties\": {}},\n"  // 7
                        "    " +
                        kVault +
                        " \"name\": \"kv3\", \"properties\": {}},\n"  // 8
                        "    // unknown: kv-purge-protection\n"       // 9
                        "    " +
                        kVault +
                        " \"name\": \"kv4\", \"properties\": {\"enablePurgeProtection\": true}}\n"
                        "  ]\n}\n"}});
  const auto r = run_cmkguard("test " + q(dir));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "fixtures: 1 passed, 3 failed"));
  CHECK(contains(r.err,
                 "kv-purge-protection.fixture.json:6:1: error: expected pass of "
                 "kv-purge-protection for the resource at line 7, got fail"));
  CHECK(contains(r.err,
                 "kv-purge-protection.fixture.json:8:1: error: unexpected fail of "
                 "kv-purge-protection (annotate it or fix the rule)"));
  CHECK(contains(r.err,
                 "kv-purge-protection.fixture.json:9:1: error: expected unknown of "
                 "kv-purge-protection for the resource at line 10, got pass"));
}

TEST_CASE("fixture runner: misspelt rules, stray annotations, broken and non-template files",
          "[fixtures]") {
  const std::string schema =
      "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
      "deploymentTemplate.json#\"";
  const auto dir =
      rule_folder("fixtures-broken",
                  {{"kv-purge-protection.fixture.json",
                    "{" + schema +
                        ",\n"                                   // 1
                        "  \"resources\": [\n"                  // 2
                        "    // ruleid: kv-purge-protectoin\n"  // 3
                        "    " +
                        kVault +
                        " \"name\": \"kv1\", \"properties\": {}}\n"  // 4
                        "  ]\n"                                      // 5
                        "  // ok: kv-purge-protection\n"             // 6
                        "}\n"},
                   {"kv-purge-protection.broken.fixture.json", "{ \"resources\": [ ,\n"},
                   {"kv-purge-protection.plain.fixture.json", "{\"resources\": []}\n"},
                   {"kv-purge-protectoin.fixture.json", "{" + schema + ", \"resources\": []}\n"}});
  const auto r = run_cmkguard("test " + q(dir));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err,
                 "kv-purge-protection.fixture.json:3:1: error: annotation names no loaded "
                 "rule 'kv-purge-protectoin' (did you mean 'kv-purge-protection'?)"));
  CHECK(contains(r.err,
                 "kv-purge-protection.fixture.json:6:1: error: annotation is followed by "
                 "no resource"));
  CHECK(contains(r.err,
                 "kv-purge-protection.broken.fixture.json:1:18: error: expected a JSON "
                 "value"));
  CHECK(contains(r.err, "kv-purge-protection.plain.fixture.json: error: neither an ARM template"));
  CHECK(contains(r.err,
                 "kv-purge-protectoin.fixture.json: error: fixture names no loaded rule "
                 "'kv-purge-protectoin' (did you mean 'kv-purge-protection'?)"));
  // Without a ruleid and an ok case that hold, the rule itself is reported.
  CHECK(contains(r.err,
                 "kv-purge-protection.yaml:1:1: error: rule kv-purge-protection needs "
                 "fixtures with at least one 'ruleid' and one 'ok' case"));
}

TEST_CASE("fixture runner: nothing to test is a usage error", "[fixtures]") {
  const auto r = run_cmkguard("test " + q(source_dir() / "no-such-folder"));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "no such rule file or directory"));
}
