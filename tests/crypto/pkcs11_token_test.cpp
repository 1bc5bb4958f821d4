#include "crypto/pkcs11_token.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "crypto/envelope.hpp"
#include "fake_keys.hpp"
#include "softhsm.hpp"
#include "test_support.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;

namespace {
SecretBytes pin(const std::string& p) { return SecretBytes(as_bytes(p)); }
}  // namespace

TEST_CASE("PKCS#11 key provider against a real SoftHSM2 token (RSA-OAEP with SHA-1)") {
  const auto module = softhsm_module();
  if (!module) {
    cmk::test::cannot_run_here("softhsm2 is not installed");
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
