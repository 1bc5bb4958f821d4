// End-to-end: a template whose expressions would build gigabytes ends in an input error for that
// template, quickly; the other files of the run are still scanned.

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "test_support.hpp"

using cmk::test::q;
using cmk::test::run_cmkguard;
using cmk::test::write_temp;

TEST_CASE("scan: a template that doubles a string 40 times is an input error", "[budget]") {
  // This ran for 110 s and ended in bad_alloc at 8 GB.
  std::string vars = R"("v0": "abcdefgh")";
  for (int i = 1; i <= 40; ++i) {
    const std::string prev = "variables('v" + std::to_string(i - 1) + "')";
    vars += ",\n    \"v" + std::to_string(i) + "\": \"[concat(" + prev + ", " + prev + ")]\"";
  }
  const auto bomb = write_temp("budget/a-bomb.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "variables": {
    )" + vars + R"(
  },
  "resources": []
})");
  write_temp("budget/b-vault.json", cmk::test::vault_named("kv-fine"));
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_cmkguard("scan " + q(bomb.parent_path()));
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  CHECK(seconds.count() < 10);  // about half a second; generous for a loaded machine
  CHECK(r.exit_code == 2);
  // The first error names the expression that passed the budget, at its line and column.
  const std::string first = bomb.string() + ":";
  const auto at = r.err.find(first);
  REQUIRE(at != std::string::npos);
  CHECK(r.err.find(": error: evaluation budget exceeded: more than 128 MiB of values built "
                   "(stopped at concat(variables('v") != std::string::npos);
  CHECK(r.out.find("Key vault 'kv-fine' does not enable purge protection") != std::string::npos);
}
