// --fail-on none, the summary's counts of input errors and warnings, and --quiet, end to end.

#include <catch2/catch.hpp>

#include "test_support.hpp"

using cmk::test::q;

using cmk::test::run_cmkguard;
using cmk::test::write_temp;

namespace {

const std::string kBadVault = cmk::test::kSoftDeleteOffVault;

// A passing vault whose duplicate key is a warning.
const std::string kDuplicateKey = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv2",
    "name": "kv2", "properties": {"enablePurgeProtection": true}}]
})";

std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - start);
}
}  // namespace

TEST_CASE("--fail-on none reports every finding and exits 0") {
  const auto bad = write_temp("soft1/bad.json", kBadVault);
  auto r = run_cmkguard("scan --no-config --fail-on none " + q(bad));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(": high: Key vault 'kv1' disables soft delete") != std::string::npos);
  CHECK(last_line(r.out) ==
        "1 file(s) scanned (1 template(s), 0 live export(s), 1 resource(s)): 1 failed, 0 unknown, "
        "3 passed; nothing fails (--fail-on none)");
  r = run_cmkguard("scan --no-config --fail-on none --format json " + q(bad));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"failOn\": \"none\"") != std::string::npos);
  CHECK(r.out.find("\"failing\": 0") != std::string::npos);
  CHECK(run_cmkguard("scan --no-config " + q(bad)).exit_code == 1);
  r = run_cmkguard("scan --no-config --fail-on nothing " + q(bad));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "cmkguard scan: --fail-on takes critical, high, medium, low, info or none\n");
}

TEST_CASE("--fail-on none still exits 2 on input errors; the summary counts errors and warnings") {
  const auto bad = write_temp("soft2/bad.json", kBadVault);
  write_temp("soft2/broken.json", "{\"a\": ");
  write_temp("soft2/dup.json", kDuplicateKey);
  const auto r = run_cmkguard("scan --no-config --fail-on none " + q(bad.parent_path()));
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("[kv-soft-delete]") != std::string::npos);
  CHECK(last_line(r.out).find(", 1 input error(s), 1 warning(s); nothing fails (--fail-on none)") !=
        std::string::npos);
  CHECK(r.err.find("broken.json:1:") != std::string::npos);
}

TEST_CASE("--quiet prints only findings, the summary and input errors") {
  const auto bad = write_temp("quiet/bad.json", kBadVault);
  write_temp("quiet/dup.json", kDuplicateKey);
  write_temp("quiet/other.json", "{\"not\": \"a template\"}");
  auto r = run_cmkguard("scan --no-config -q " + q(bad.parent_path()));
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  CHECK(r.out.find("[kv-soft-delete]") != std::string::npos);
  CHECK(last_line(r.out).find(", 1 warning(s); 1 at or above --fail-on high") != std::string::npos);
  r = run_cmkguard("scan --no-config " + q(bad.parent_path()));
  CHECK(r.err.find("warning:") != std::string::npos);
  // Input errors are still printed: they are why the exit code is 2.
  write_temp("quiet/broken.json", "{\"a\": ");
  r = run_cmkguard("scan --no-config --quiet " + q(bad.parent_path()));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("broken.json:1:") != std::string::npos);
  CHECK(r.err.find("warning:") == std::string::npos);
  r = run_cmkguard("scan --no-config -q -v " + q(bad));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "cmkguard scan: --quiet and --verbose exclude each other\n");
}
