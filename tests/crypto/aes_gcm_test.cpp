#include "crypto/aes_gcm.hpp"

#include <catch2/catch.hpp>

#include "vector_files.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;

TEST_CASE("AES-GCM passes the Wycheproof vectors with 96-bit nonces and 128-bit tags") {
  rapidjson::Document doc;
  if (!load_wycheproof("aes_gcm_test.json", doc)) return;
  int valid = 0, invalid = 0, refused = 0;
  for (const auto& group : doc["testGroups"].GetArray()) {
    REQUIRE(group["tagSize"].GetInt() == 128);
    if (group["ivSize"].GetInt() != 96) {
      // cmkguard only ever uses 96-bit nonces; other sizes are refused, never misprocessed.
      for (const auto& t : group["tests"].GetArray()) {
        const SecretBytes key{ByteView(hex(t["key"]))};
        CHECK(aes_gcm_open(key, hex(t["iv"]), {}, Bytes(32)).error().code ==
              ErrorCode::InvalidArgument);
        ++refused;
      }
      continue;
    }
    for (const auto& t : group["tests"].GetArray()) {
      INFO("tcId " << t["tcId"].GetInt());
      const SecretBytes key{ByteView(hex(t["key"]))};
      const Bytes iv = hex(t["iv"]), aad = hex(t["aad"]), msg = hex(t["msg"]);
      Bytes sealed = hex(t["ct"]);
      const Bytes tag = hex(t["tag"]);
      sealed.insert(sealed.end(), tag.begin(), tag.end());
      const std::string result = t["result"].GetString();
      auto opened = aes_gcm_open(key, iv, aad, sealed);
      if (result == "valid") {
        ++valid;
        REQUIRE(opened.ok());
        CHECK(*opened == msg);
        auto again = aes_gcm_seal(key, iv, aad, msg);
        REQUIRE(again.ok());
        CHECK(*again == sealed);
      } else if (result == "invalid") {
        ++invalid;
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().code == ErrorCode::Authentication);
      }
    }
  }
  CHECK(valid + invalid == 197);  // every vector with a 96-bit IV
  CHECK(refused == 316 - 197);
}

TEST_CASE("AES-256-GCM passes the NIST CAVP vectors with 96-bit IVs and 128-bit tags") {
  auto enc_path = shared_file("vectors/nist-cavp/gcm/gcmEncryptExtIV256.rsp");
  auto dec_path = shared_file("vectors/nist-cavp/gcm/gcmDecrypt256.rsp");
  if (!enc_path || !dec_path) return;
  int checked = 0, failures_rejected = 0;
  for (const auto* path : {&*enc_path, &*dec_path}) {
    for (const auto& r : load_cavp(*path)) {
      if (r.at("IVlen") != "96" || r.at("Taglen") != "128") continue;
      INFO(*path << " Count " << r.at("Count") << " PTlen " << r.at("PTlen"));
      const SecretBytes key{ByteView(hex(r.at("Key")))};
      Bytes sealed = hex(r.at("CT"));
      const Bytes tag = hex(r.at("Tag"));
      sealed.insert(sealed.end(), tag.begin(), tag.end());
      auto opened = aes_gcm_open(key, hex(r.at("IV")), hex(r.at("AAD")), sealed);
      if (r.count("FAIL")) {
        CHECK_FALSE(opened.ok());
        ++failures_rejected;
      } else {
        REQUIRE(opened.ok());
        CHECK(*opened == hex(r.at("PT")));
        auto again = aes_gcm_seal(key, hex(r.at("IV")), hex(r.at("AAD")), *opened);
        REQUIRE(again.ok());
        CHECK(*again == sealed);
      }
      ++checked;
    }
  }
  CHECK(checked == 2 * 375);
  CHECK(failures_rejected > 50);
}

TEST_CASE("AES-GCM rejects wrong key and nonce sizes before encrypting") {
  const SecretBytes short_key(15);
  CHECK(AesGcm::create(short_key).error().code == ErrorCode::InvalidArgument);
  const SecretBytes key(32);
  const Bytes nonce8(8);
  CHECK(aes_gcm_seal(key, nonce8, {}, {}).error().code == ErrorCode::InvalidArgument);
  const Bytes nonce(12);
  const Bytes too_short(15);
  CHECK(aes_gcm_open(key, nonce, {}, too_short).error().code == ErrorCode::Authentication);
}
