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

TEST_CASE("rules RULE-ID lists the rules named; a mistyped id gets a suggestion") {
  auto r = run_cmkguard("rules kv-soft-delete ai-cmk-vault-recoverable");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("kv-soft-delete") != std::string::npos);
  CHECK(r.out.find("ai-cmk-vault-recoverable") != std::string::npos);
  CHECK(r.out.find("kv-purge-protection") == std::string::npos);
  r = run_cmkguard("rules ai-cmk-vault-recovrable");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("did you mean 'ai-cmk-vault-recoverable'?") != std::string::npos);
}

TEST_CASE("--help lists user options only, not the positional operands") {
  for (const char* command : {"scan", "rules", "explain", "test"}) {
    INFO(command);
    const auto r = run_cmkguard(std::string(command) + " --help");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("--paths") == std::string::npos);
    CHECK(r.out.find("--ids") == std::string::npos);
  }
}

TEST_CASE("a mistyped flag gets a suggestion and exit code 2") {
  const auto r = run_cmkguard("scan --fial-on high .");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("(did you mean '--fail-on'?)") != std::string::npos);
}

TEST_CASE("explain takes a unique prefix of a rule id") {
  auto r = run_cmkguard("explain ai-cmk-vault-rec");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("ai-cmk-vault-recoverable:") == 0);
  r = run_cmkguard("explain ai-cmk-vault");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is the start of several rules: ") != std::string::npos);
}
