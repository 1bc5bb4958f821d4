#include "crypto/pkcs11_token.hpp"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "crypto/envelope.hpp"
#include "fake_keys.hpp"
#include "temp_dir.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;
namespace fs = std::filesystem;

namespace {
std::optional<std::string> softhsm_module() {
  if (const char* env = getenv("CMKGUARD_SOFTHSM_MODULE")) return std::string(env);
  for (const char* p :
       {"/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so", "/usr/lib64/pkcs11/libsofthsm2.so"}) {
    if (fs::exists(p)) return std::string(p);
  }
  return std::nullopt;
}

// A private SoftHSM2 configuration and token directory for this test only.
class SoftHsm {
 public:
  SoftHsm() {
    fs::create_directory(dir_.path() / "tokens");
    write_all(dir_ / "softhsm2.conf", "directories.tokendir = " + (dir_ / "tokens") +
                                          "\nobjectstore.backend = file\nlog.level = ERROR\n");
    if (const char* old = getenv("SOFTHSM2_CONF")) old_conf_ = old;
    setenv("SOFTHSM2_CONF", (dir_ / "softhsm2.conf").c_str(), 1);
  }
  ~SoftHsm() {
    if (old_conf_)
      setenv("SOFTHSM2_CONF", old_conf_->c_str(), 1);
    else
      unsetenv("SOFTHSM2_CONF");
  }
  bool init_token(const std::string& label, const std::string& pin) {
    const std::string cmd = "softhsm2-util --init-token --free --label " + label + " --pin " + pin +
                            " --so-pin 87654321 >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
  }

 private:
  TempDir dir_;
  std::optional<std::string> old_conf_;
};

SecretBytes pin(const std::string& p) { return SecretBytes(as_bytes(p)); }
}  // namespace

TEST_CASE("PKCS#11 key provider against a real SoftHSM2 token (RSA-OAEP with SHA-1)") {
  const auto module = softhsm_module();
  if (!module || std::system("command -v softhsm2-util >/dev/null 2>&1") != 0) {
    WARN("softhsm2 is not installed; PKCS#11 test skipped");
    return;
  }
  SoftHsm hsm;
  REQUIRE(hsm.init_token("cmkguard-test", "123456"));

  CHECK(Pkcs11Token::open(*module, "cmkguard-test", pin("000000")).error().code ==
        ErrorCode::Authentication);
  CHECK(Pkcs11Token::open(*module, "no-such-token", pin("123456")).error().code ==
        ErrorCode::KeyNotFound);
  CHECK(Pkcs11Token::open("/nonexistent/libpkcs11.so", "x", pin("1")).error().code ==
        ErrorCode::Io);

  auto token = Pkcs11Token::open(*module, "cmkguard-test", pin("123456"));
  REQUIRE(token.ok());
  auto kek = (*token)->generate_rsa_key("cmk", 2048);
  REQUIRE(kek.ok());
  CHECK((*kek)->key_id() == "pkcs11:token=cmkguard-test;object=cmk");
  CHECK((*kek)->algorithm() == WrapAlgorithm::RsaOaep);
  CHECK((*token)->generate_rsa_key("cmk", 2048).error().code == ErrorCode::AlreadyExists);
  CHECK((*token)->find_rsa_key("other").error().code == ErrorCode::KeyNotFound);

  const SecretBytes share(Bytes(32, 0x42));
  auto wrapped = (*kek)->wrap(share);
  REQUIRE(wrapped.ok());
  CHECK(wrapped->size() == 256);
  auto unwrapped = (*kek)->unwrap(*wrapped);
  REQUIRE(unwrapped.ok());
  CHECK(to_hex(unwrapped->expose_secret()) == to_hex(share.expose_secret()));
  Bytes tampered = *wrapped;
  tampered[100] ^= 1;
  CHECK((*kek)->unwrap(tampered).error().code == ErrorCode::Authentication);
  CHECK((*kek)->unwrap(Bytes(255)).error().code == ErrorCode::InvalidArgument);

  // The token key as the customer layer of an envelope, resolved again by id for decryption.
  auto service = std::make_shared<FakeAesKek>("svc/1");
  MemorySource in(as_bytes("data at rest"));
  MemorySink sealed;
  REQUIRE(encrypt_stream({service, *kek}, {}, in, sealed).ok());
  FakeResolver services;
  services.add(service);
  auto found = (*token)->resolve("pkcs11:token=cmkguard-test;object=cmk", WrapAlgorithm::RsaOaep);
  REQUIRE(found.ok());
  services.add(*found);
  MemorySource sin(sealed.bytes());
  MemorySink opened;
  REQUIRE(decrypt_stream(services, sin, opened).ok());
  CHECK(to_string(opened.bytes()) == "data at rest");
  CHECK((*token)
            ->resolve("pkcs11:token=cmkguard-test;object=cmk", WrapAlgorithm::RsaOaep256)
            .error()
            .code == ErrorCode::Unsupported);
}
