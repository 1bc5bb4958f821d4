// Suppressions (in source and in the config file), configuration and baselines, end to end.

#include <catch2/catch.hpp>
#include <regex>

#include "test_support.hpp"

using cmk::test::q;

using cmk::test::run_cmkguard;
using cmk::test::write_temp;

namespace {

// Two vaults without purge protection; the comment line is replaced per test.
std::string two_vaults(const std::string& comment) {
  return R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    )" + comment +
         R"(
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv1",
     "properties": {"enablePurgeProtection": false}},
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv2",
     "properties": {"enablePurgeProtection": false}}
  ]
})";
}
}  // namespace

TEST_CASE("an in-source suppression with a justification accepts one resource's finding") {
  const auto f =
      write_temp("sup1/t.json",
                 two_vaults("// cmkguard-ignore kv-purge-protection: test vault, deleted nightly"));
  auto r = run_cmkguard("scan --no-config " + q(f));
  CHECK(r.exit_code == 1);  // kv2 still fails
  CHECK(r.out.find("'kv1'") == std::string::npos);
  CHECK(r.out.find("'kv2'") != std::string::npos);
  CHECK(r.out.find("1 suppressed") != std::string::npos);
  r = run_cmkguard("scan --no-config --show-suppressed " + q(f));
  CHECK(r.out.find("(suppressed: test vault, deleted nightly)") != std::string::npos);
  r = run_cmkguard("scan --no-config --format sarif " + q(f));
  CHECK(r.out.find("\"kind\": \"inSource\"") != std::string::npos);
  CHECK(r.out.find("\"justification\": \"test vault, deleted nightly\"") != std::string::npos);
}

TEST_CASE("suppressions without justification, expired or unused are reported and do not apply") {
  auto f = write_temp("sup2/t.json", two_vaults("// cmkguard-ignore kv-purge-protection"));
  auto r = run_cmkguard("scan --no-config " + q(f));
  CHECK(r.err.find(":4:1: warning: suppression without a justification is ignored") !=
        std::string::npos);
  CHECK(r.out.find("'kv1'") != std::string::npos);

  f = write_temp("sup3/t.json",
                 two_vaults("// cmkguard-ignore kv-purge-protection: old expires=2020-01-01"));
  r = run_cmkguard("scan --no-config " + q(f));
  CHECK(r.err.find("suppression expired on 2020-01-01 and is ignored") != std::string::npos);
  CHECK(r.out.find("'kv1'") != std::string::npos);

  // A day the calendar does not have is a typo, not a later expiry.
  f = write_temp("sup3b/t.json",
                 two_vaults("// cmkguard-ignore kv-purge-protection: typo expires=2999-02-30"));
  r = run_cmkguard("scan --no-config " + q(f));
  CHECK(r.err.find("suppression expiry 2999-02-30 is not a calendar date and the suppression is "
                   "ignored") != std::string::npos);
  CHECK(r.out.find("'kv1'") != std::string::npos);

  f = write_temp("sup4/t.json", two_vaults("// cmkguard-ignore kv-soft-delete: not needed"));
  r = run_cmkguard("scan --no-config " + q(f));
  CHECK(r.err.find(":4:1: warning: unused suppression") != std::string::npos);
}

TEST_CASE("config file: suppressions by file and resource, severity overrides, disabled rules") {
  const auto dir = write_temp("cfg1/infra/t.json", two_vaults("")).parent_path().parent_path();
  write_temp("cfg1/.cmkguard.yaml", R"(
failOn: medium
rules:
  disable: [kv-retention-days]
  severity:
    kv-purge-protection: low
suppressions:
  - rule: kv-purge-protection
    files: "infra/*.json"
    resource: kv2
    justification: accepted risk RISK-7
  - rule: kv-soft-delete
    justification: matches nothing
)");
  auto r = run_cmkguard("scan --config " + q(dir / ".cmkguard.yaml") + " " + q(dir / "infra"));
  CHECK(r.exit_code == 0);  // kv1's finding is now low, below failOn medium
  CHECK(r.out.find("low: Key vault 'kv1'") != std::string::npos);
  CHECK(r.out.find("'kv2'") == std::string::npos);
  CHECK(r.err.find("cfg1/.cmkguard.yaml:12:1: warning: unused suppression") != std::string::npos);
  // A flag overrides the file.
  CHECK(run_cmkguard("scan --fail-on low --config " + q(dir / ".cmkguard.yaml") + " " +
                     q(dir / "infra"))
            .exit_code == 1);

  write_temp("cfg2/.cmkguard.yaml", "rules:\n  disable: [kv-purge-protectin]\n");
  r = run_cmkguard("scan --config " + q(dir.parent_path() / "cfg2/.cmkguard.yaml") + " " +
                   q(dir / "infra"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no rule 'kv-purge-protectin' (did you mean 'kv-purge-protection'?)") !=
        std::string::npos);
  write_temp("cfg3/.cmkguard.yaml", "failon: high\n");
  r = run_cmkguard("scan --config " + q(dir.parent_path() / "cfg3/.cmkguard.yaml") + " x");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(".cmkguard.yaml:1:1: error: unknown key 'failon' in the configuration "
                   "(did you mean 'failOn'?)") != std::string::npos);
}

TEST_CASE("a baseline keeps known findings from failing; new ones still fail") {
  const auto f = write_temp("base/t.json", two_vaults(""));
  const auto baseline = f.parent_path() / "baseline.json";
  auto r = run_cmkguard("scan --no-config --format json -o " + q(baseline) + " " + q(f));
  CHECK(r.exit_code == 1);
  r = run_cmkguard("scan --no-config --baseline " + q(baseline) + " " + q(f));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("2 in baseline") != std::string::npos);
  // A third vault is new.
  std::string three = two_vaults("");
  three = std::regex_replace(three, std::regex("\"kv2\""), "\"kv3\"");
  write_temp("base/t.json", three);
  r = run_cmkguard("scan --no-config --baseline " + q(baseline) + " " + q(f));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("'kv3'") != std::string::npos);
  CHECK(run_cmkguard("scan --no-config --baseline /no/such.json " + q(f)).exit_code == 2);
}

TEST_CASE("--exclude leaves inputs out") {
  const auto f = write_temp("excl/keep/t.json", two_vaults(""));
  write_temp("excl/skip/t.json", "{ broken");
  const auto dir = f.parent_path().parent_path();
  auto r = run_cmkguard("scan --no-config " + q(dir));
  CHECK(r.exit_code == 2);
  r = run_cmkguard("scan --no-config --exclude '**/skip/**' " + q(dir));
  CHECK(r.exit_code == 1);
}
