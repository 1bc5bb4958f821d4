// --write-baseline: writing a baseline is its own action, end to end.

#include <catch2/catch.hpp>

#include "test_support.hpp"

using cmk::test::q;

using cmk::test::run_cmkguard;
using cmk::test::write_temp;

namespace {

const std::string kBadVault = cmk::test::kSoftDeleteOffVault;
}  // namespace

TEST_CASE("--write-baseline writes a baseline --baseline accepts, and exits 0") {
  const auto bad = write_temp("wb1/bad.json", kBadVault);
  const auto baseline = bad.parent_path() / "baseline.json";
  auto r = run_cmkguard("scan --no-config --write-baseline " + q(baseline) + " " + q(bad));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("[kv-soft-delete]") != std::string::npos);  // the console still shows them
  REQUIRE(std::filesystem::exists(baseline));
  CHECK(run_cmkguard("scan --no-config " + q(bad)).exit_code == 1);
  r = run_cmkguard("scan --no-config --baseline " + q(baseline) + " " + q(bad));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("(in baseline)") != std::string::npos);
  CHECK(r.out.find("1 in baseline") != std::string::npos);
}

TEST_CASE("--write-baseline still exits 2 on input errors and on a bad destination") {
  const auto bad = write_temp("wb2/bad.json", kBadVault);
  write_temp("wb2/broken.json", "{\"a\": ");
  const auto baseline = bad.parent_path().parent_path() / "wb2-baseline.json";
  auto r =
      run_cmkguard("scan --no-config --write-baseline " + q(baseline) + " " + q(bad.parent_path()));
  CHECK(r.exit_code == 2);
  CHECK(std::filesystem::exists(baseline));  // written; the scan was still incomplete
  r = run_cmkguard("scan --no-config --write-baseline - " + q(bad));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "cmkguard scan: --write-baseline needs a FILE\n");
  r = run_cmkguard("scan --no-config --write-baseline " + q(bad.parent_path() / "no/such.json") +
                   " " + q(bad));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot write") != std::string::npos);
  r = run_cmkguard("scan --no-config --write-baseline " + q(baseline) + " -o " + q(baseline) + " " +
                   q(bad));
  CHECK(r.exit_code == 2);
}
