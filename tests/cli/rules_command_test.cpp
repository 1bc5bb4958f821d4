#include <catch2/catch.hpp>

#include "test_support.hpp"

using cmk::test::run_cmkguard;

TEST_CASE("rules lists every built-in rule; explain describes one") {
  auto r = run_cmkguard("rules");
  CHECK(r.exit_code == 0);
  for (const char* id :
       {"kv-soft-delete", "kv-purge-protection", "kv-retention-days", "kv-trusted-services",
        "ai-cmk-e0-tier", "ai-cmk-identity", "ai-cmk-key-uri"}) {
    CHECK(r.out.find(id) != std::string::npos);
  }
  r = run_cmkguard("explain kv-purge-protection");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(
            "kv-purge-protection: Key vault has purge protection enabled\nseverity: high\n") == 0);
  CHECK(r.out.find("remediation:") != std::string::npos);
  CHECK(r.out.find("https://learn.microsoft.com/") != std::string::npos);
  r = run_cmkguard("explain kv-purge-protecton");
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "cmkguard explain: no rule 'kv-purge-protecton' (did you mean 'kv-purge-protection'?)\n");
  CHECK(run_cmkguard("explain").exit_code == 2);
}

TEST_CASE("a mistyped command gets a suggestion and exit code 2") {
  const auto r = run_cmkguard("scna x");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cmkguard: unknown command 'scna' (did you mean 'scan'?)") == 0);
}
