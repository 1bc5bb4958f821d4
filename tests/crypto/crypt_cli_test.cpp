// End-to-end tests of `cmkguard crypt` (src/cli/crypt_*.cpp) through the built binary.

#include <catch2/catch.hpp>
#include <filesystem>

#include "cli_runner.hpp"
#include "crypto/file_helpers.hpp"
#include "softhsm.hpp"
#include "test_support.hpp"

using namespace cmk::crypto::testing;

TEST_CASE("cmkguard crypt: vault, keys, encrypt, rotate, rewrap, disable, delete, recover") {
  TempDir dir;
  const std::string kv = dir / "kv";
  write_all(dir / "plain", std::string(50000, 'q'));
  REQUIRE(run_cmkguard({"crypt", "vault", "create", kv, "--name", "contoso", "--purge-protection",
                        "--retention-days", "7"})
              .exit_code == 0);
  auto created = run_cmkguard({"crypt", "key", "create", kv, "cmk"});
  REQUIRE(created.exit_code == 0);
  CHECK_THAT(created.out, Catch::Contains("https://contoso.vault.azure.net/keys/cmk/"));
  REQUIRE(run_cmkguard(
              {"crypt", "encrypt", "--keystore", kv, "--key", "cmk", dir / "plain", dir / "enc"})
              .exit_code == 0);
  REQUIRE(
      run_cmkguard({"crypt", "decrypt", "--keystore", kv, dir / "enc", dir / "out"}).exit_code ==
      0);
  CHECK(read_all(dir / "out") == read_all(dir / "plain"));

  // Rotation then rewrap: the customer layer moves to the new version.
  auto rotated = run_cmkguard({"crypt", "key", "rotate", kv, "cmk"});
  REQUIRE(rotated.exit_code == 0);
  const size_t at = rotated.out.find("https://");
  const std::string new_kid = rotated.out.substr(at, rotated.out.find(' ', at) - at);
  CHECK(new_kid.size() == 73);
  auto rewrapped = run_cmkguard({"crypt", "rewrap", "--keystore", kv, dir / "enc"});
  REQUIRE(rewrapped.exit_code == 0);
  CHECK_THAT(run_cmkguard({"crypt", "inspect", dir / "enc"}).out,
             Catch::Contains("customer layer: " + new_kid));

  // Disabled: decryption fails naming the key, and leaves no output.
  REQUIRE(run_cmkguard({"crypt", "key", "disable", kv, "cmk"}).exit_code == 0);
  auto disabled = run_cmkguard({"crypt", "decrypt", "--keystore", kv, dir / "enc", dir / "out2"});
  CHECK(disabled.exit_code == 1);
  CHECK_THAT(disabled.out, Catch::Contains(new_kid) && Catch::Contains("disabled"));
  CHECK_FALSE(std::filesystem::exists(dir / "out2"));
  REQUIRE(run_cmkguard({"crypt", "key", "enable", kv, "cmk"}).exit_code == 0);

  // Deleted, purge refused by purge protection, recovered.
  REQUIRE(run_cmkguard({"crypt", "key", "delete", kv, "cmk"}).exit_code == 0);
  auto deleted = run_cmkguard({"crypt", "decrypt", "--keystore", kv, dir / "enc", dir / "out2"});
  CHECK(deleted.exit_code == 1);
  CHECK_THAT(deleted.out, Catch::Contains("soft-deleted"));
  CHECK_THAT(run_cmkguard({"crypt", "key", "list", kv, "--deleted"}).out, Catch::Contains("cmk"));
  auto purge = run_cmkguard({"crypt", "key", "purge", kv, "cmk"});
  CHECK(purge.exit_code == 1);
  CHECK_THAT(purge.out, Catch::Contains("purge protection"));
  REQUIRE(run_cmkguard({"crypt", "key", "recover", kv, "cmk"}).exit_code == 0);
  REQUIRE(
      run_cmkguard({"crypt", "decrypt", "--keystore", kv, dir / "enc", dir / "out3"}).exit_code ==
      0);

  // CMK disabled on the file: the customer layer goes, the service layer stays.
  REQUIRE(run_cmkguard({"crypt", "rewrap", "--keystore", kv, "--service-only", dir / "enc"})
              .exit_code == 0);
  auto inspected = run_cmkguard({"crypt", "inspect", dir / "enc"});
  CHECK_THAT(inspected.out, Catch::Contains("service layer"));
  CHECK_THAT(inspected.out, !Catch::Contains("customer layer"));
  REQUIRE(run_cmkguard({"crypt", "key", "delete", kv, "cmk"}).exit_code == 0);
  REQUIRE(
      run_cmkguard({"crypt", "decrypt", "--keystore", kv, dir / "enc", dir / "out4"}).exit_code ==
      0);
  CHECK(read_all(dir / "out4") == read_all(dir / "plain"));
}

TEST_CASE("cmkguard crypt: usage and input errors exit 2") {
  TempDir dir;
  CHECK(run_cmkguard({"crypt"}).exit_code == 2);
  CHECK(run_cmkguard({"crypt", "frobnicate"}).exit_code == 2);
  CHECK(run_cmkguard({"crypt", "vault", "create", dir / "kv"}).exit_code == 2);  // no --name
  CHECK(run_cmkguard({"crypt", "vault", "create", dir / "kv", "--name", "x"}).exit_code == 2);
  CHECK(run_cmkguard(
            {"crypt", "vault", "create", dir / "kv", "--name", "kv1", "--retention-days", "5"})
            .exit_code == 2);
  REQUIRE(run_cmkguard({"crypt", "vault", "create", dir / "kv", "--name", "kv1"}).exit_code == 0);
  CHECK(run_cmkguard({"crypt", "key", "create", dir / "kv", "k", "--size", "1024"}).exit_code == 2);
  CHECK(run_cmkguard({"crypt", "key", "create", dir / "kv", "k", "--kty", "EC"}).exit_code == 2);
  CHECK(run_cmkguard({"crypt", "encrypt", "--keystore", dir / "kv", "in", "out"}).exit_code == 2);
  CHECK(run_cmkguard({"crypt", "encrypt", "--keystore", dir / "kv", "--bogus", "in", "out"})
            .exit_code == 2);
  CHECK(run_cmkguard({"crypt", "decrypt", "--keystore", dir / "kv", dir / "missing", dir / "out"})
            .exit_code == 2);
  CHECK(run_cmkguard({"crypt", "decrypt", "--keystore", dir / "nokv", dir / "missing", dir / "out"})
            .exit_code == 2);
  write_all(dir / "junk", "not encrypted");
  auto junk =
      run_cmkguard({"crypt", "decrypt", "--keystore", dir / "kv", dir / "junk", dir / "out"});
  CHECK(junk.exit_code == 1);
  CHECK_THAT(junk.out, Catch::Contains("not a valid cmkguard encrypted file"));
}

TEST_CASE("cmkguard crypt with a PKCS#11 token as the customer layer (SoftHSM2)") {
  const auto module = softhsm_module();
  if (!module) {
    cmk::test::cannot_run_here("softhsm2 is not installed");
    return;
  }
  SoftHsm hsm;
  REQUIRE(hsm.init_token("cli-token", "4321"));
  TempDir dir;
  const std::string kv = dir / "kv";
  REQUIRE(run_cmkguard({"crypt", "vault", "create", kv, "--name", "contoso"}).exit_code == 0);
  const std::vector<std::string> token = {"--pkcs11-module", *module, "--pkcs11-token",
                                          "cli-token"};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), token.begin(), token.end());
    return run_cmkguard(args);
  };
  unsetenv("CMKGUARD_PKCS11_PIN");
  CHECK(with({"crypt", "pkcs11-key", "create", "cmk"}).exit_code == 2);  // no PIN
  setenv("CMKGUARD_PKCS11_PIN", "4321", 1);
  auto created = with({"crypt", "pkcs11-key", "create", "cmk"});
  REQUIRE(created.exit_code == 0);
  CHECK_THAT(created.out, Catch::Contains("pkcs11:token=cli-token;object=cmk"));
  write_all(dir / "plain", "secret");
  REQUIRE(with({"crypt", "encrypt", "--keystore", kv, "--pkcs11-key", "cmk", dir / "plain",
                dir / "enc"})
              .exit_code == 0);
  CHECK_THAT(run_cmkguard({"crypt", "inspect", dir / "enc"}).out,
             Catch::Contains("customer layer: pkcs11:token=cli-token;object=cmk (RSA-OAEP,"));
  auto without_token =
      run_cmkguard({"crypt", "decrypt", "--keystore", kv, dir / "enc", dir / "out"});
  CHECK(without_token.exit_code == 1);
  CHECK_THAT(without_token.out, Catch::Contains("PKCS#11 token"));
  REQUIRE(with({"crypt", "decrypt", "--keystore", kv, dir / "enc", dir / "out"}).exit_code == 0);
  CHECK(read_all(dir / "out") == "secret");
  // Disabling CMK removes the token layer; the vault's service key alone then decrypts.
  REQUIRE(with({"crypt", "rewrap", "--keystore", kv, "--service-only", dir / "enc"}).exit_code ==
          0);
  REQUIRE(
      run_cmkguard({"crypt", "decrypt", "--keystore", kv, dir / "enc", dir / "out2"}).exit_code ==
      0);
  unsetenv("CMKGUARD_PKCS11_PIN");
}
