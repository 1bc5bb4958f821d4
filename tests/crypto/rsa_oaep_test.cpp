#include "crypto/rsa_oaep.hpp"

#include <catch2/catch.hpp>

#include "vector_files.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;

namespace {
int run_file(const std::string& file) {
  rapidjson::Document doc;
  if (!load_wycheproof(file, doc)) return -1;
  int checked = 0;
  for (const auto& group : doc["testGroups"].GetArray()) {
    auto key = RsaKey::from_private_der(hex(group["privateKeyPkcs8"]));
    REQUIRE(key.ok());
    OaepParams params{group["sha"].GetString(), group["mgfSha"].GetString(), {}};
    for (const auto& t : group["tests"].GetArray()) {
      INFO(file << " tcId " << t["tcId"].GetInt() << " " << t["comment"].GetString());
      params.label = hex(t["label"]);
      const std::string result = t["result"].GetString();
      auto plain = rsa_oaep_decrypt(*key, params, hex(t["ct"]));
      if (result == "valid") {
        REQUIRE(plain.ok());
        CHECK(to_hex(plain->expose_secret()) == to_hex(hex(t["msg"])));
      } else if (result == "invalid") {
        CHECK_FALSE(plain.ok());
      }
      ++checked;
    }
  }
  return checked;
}
}  // namespace

TEST_CASE("RSA-OAEP passes the Wycheproof vectors for 2048, 3072 and 4096-bit keys") {
  for (const char* file :
       {"rsa_oaep_2048_sha1_mgf1sha1_test.json", "rsa_oaep_2048_sha256_mgf1sha1_test.json",
        "rsa_oaep_2048_sha256_mgf1sha256_test.json", "rsa_oaep_3072_sha256_mgf1sha1_test.json",
        "rsa_oaep_3072_sha256_mgf1sha256_test.json", "rsa_oaep_4096_sha256_mgf1sha1_test.json",
        "rsa_oaep_4096_sha256_mgf1sha256_test.json", "rsa_oaep_misc_test.json"}) {
    const int n = run_file(file);
    if (n >= 0) CHECK(n > 20);
  }
}

TEST_CASE("RSA-OAEP-256 round trip and length checks") {
  auto key = RsaKey::generate(2048);
  REQUIRE(key.ok());
  const Bytes share(32, 7);
  auto wrapped = rsa_oaep_encrypt(*key->public_only(), rsa_oaep_sha256(), share);
  REQUIRE(wrapped.ok());
  CHECK(wrapped->size() == 256);
  auto back = rsa_oaep_decrypt(*key, rsa_oaep_sha256(), *wrapped);
  REQUIRE(back.ok());
  CHECK(to_hex(back->expose_secret()) == to_hex(share));
  // The same ciphertext under the SHA-1 variant must not decrypt.
  CHECK(rsa_oaep_decrypt(*key, rsa_oaep_sha1(), *wrapped).error().code ==
        ErrorCode::Authentication);
  Bytes shorter(wrapped->begin(), wrapped->end() - 1);
  CHECK(rsa_oaep_decrypt(*key, rsa_oaep_sha256(), shorter).error().code ==
        ErrorCode::InvalidArgument);
  CHECK(rsa_oaep_decrypt(*key->public_only(), rsa_oaep_sha256(), *wrapped).error().code ==
        ErrorCode::InvalidArgument);
  CHECK(RsaKey::generate(1024).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("RSA keys survive a round trip through their JWK components") {
  auto key = RsaKey::generate(2048);
  REQUIRE(key.ok());
  auto c = key->components();
  REQUIRE(c.ok());
  REQUIRE(c->d.has_value());
  auto again = RsaKey::from_components(*c);
  REQUIRE(again.ok());
  CHECK(again->has_private());
  CHECK(again->bits() == 2048);
  auto wrapped = rsa_oaep_encrypt(*again, rsa_oaep_sha256(), Bytes(32, 1));
  REQUIRE(wrapped.ok());
  CHECK(rsa_oaep_decrypt(*key, rsa_oaep_sha256(), *wrapped).ok());
}
