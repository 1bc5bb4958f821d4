// `cmkguard crypt inspect` prints a header nobody has authenticated yet: what it holds must not
// drive the terminal.

#include <algorithm>
#include <catch2/catch.hpp>

#include "cli_runner.hpp"
#include "crypto/file_helpers.hpp"

using namespace cmk::crypto::testing;

TEST_CASE("cmkguard crypt inspect: control characters in the header are escaped", "[hostile]") {
  TempDir dir;
  const std::string kv = dir / "kv";
  write_all(dir / "plain", "secret");
  REQUIRE(run_cmkguard({"crypt", "vault", "create", kv, "--name", "contoso"}).exit_code == 0);
  REQUIRE(run_cmkguard({"crypt", "key", "create", kv, "cmk"}).exit_code == 0);
  REQUIRE(run_cmkguard({"crypt", "encrypt", "--keystore", kv, "--key", "cmk", "--context",
                        "team=a\x1b[2J\nforged layer: x", dir / "plain", dir / "enc"})
              .exit_code == 0);
  const auto inspected = run_cmkguard({"crypt", "inspect", dir / "enc"});
  CHECK(inspected.exit_code == 0);
  CHECK_THAT(inspected.out, Catch::Contains("context team=a\\x1b[2J\\x0aforged layer: x\n"));
  CHECK(std::none_of(inspected.out.begin(), inspected.out.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && u != '\n') || u == 0x7F;
  }));
}
