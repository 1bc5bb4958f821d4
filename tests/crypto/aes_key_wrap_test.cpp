#include "crypto/aes_key_wrap.hpp"

#include <catch2/catch.hpp>

#include "vector_files.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;

namespace {
void run_wycheproof(const char* file, KeyWrapMode mode) {
  rapidjson::Document doc;
  if (!load_wycheproof(file, doc)) return;
  int valid = 0, invalid = 0;
  for (const auto& group : doc["testGroups"].GetArray()) {
    for (const auto& t : group["tests"].GetArray()) {
      INFO(file << " tcId " << t["tcId"].GetInt() << " " << t["comment"].GetString());
      const SecretBytes kek{ByteView(hex(t["key"]))};
      const Bytes msg = hex(t["msg"]), ct = hex(t["ct"]);
      const std::string result = t["result"].GetString();
      auto unwrapped = aes_key_unwrap(mode, kek, ct);
      if (result == "valid") {
        ++valid;
        REQUIRE(unwrapped.ok());
        CHECK(to_hex(unwrapped->expose_secret()) == to_hex(msg));
        auto wrapped = aes_key_wrap(mode, kek, msg);
        REQUIRE(wrapped.ok());
        CHECK(*wrapped == ct);
      } else if (result == "invalid") {
        ++invalid;
        CHECK_FALSE(unwrapped.ok());
      }
    }
  }
  CHECK(valid > 20);
  CHECK(invalid > 20);
}

void run_cavp(const std::string& file, KeyWrapMode mode, bool decrypt) {
  auto path = shared_file("vectors/nist-cavp/keywrap/" + file);
  if (!path) return;
  int checked = 0;
  for (const auto& r : load_cavp(*path)) {
    INFO(file << " COUNT " << r.at("COUNT") << " len " << r.at("PLAINTEXT LENGTH"));
    const SecretBytes kek{ByteView(hex(r.at("K")))};
    const Bytes c = hex(r.at("C"));
    auto unwrapped = aes_key_unwrap(mode, kek, c);
    if (decrypt && r.count("FAIL")) {
      CHECK_FALSE(unwrapped.ok());
    } else {
      const Bytes p = hex(r.at("P"));
      REQUIRE(unwrapped.ok());
      CHECK(to_hex(unwrapped->expose_secret()) == to_hex(p));
      auto wrapped = aes_key_wrap(mode, kek, p);
      REQUIRE(wrapped.ok());
      CHECK(*wrapped == c);
    }
    ++checked;
  }
  CHECK(checked == 500);
}
}  // namespace

TEST_CASE("AES-KW passes the Wycheproof vectors") {
  run_wycheproof("aes_wrap_test.json", KeyWrapMode::Kw);
}
TEST_CASE("AES-KWP passes the Wycheproof vectors") {
  run_wycheproof("aes_kwp_test.json", KeyWrapMode::Kwp);
}

TEST_CASE("AES-KW and AES-KWP pass the NIST CAVP SP 800-38F vectors") {
  run_cavp("KW_AE_256.txt", KeyWrapMode::Kw, false);
  run_cavp("KW_AD_256.txt", KeyWrapMode::Kw, true);
  run_cavp("KWP_AE_256.txt", KeyWrapMode::Kwp, false);
  run_cavp("KWP_AD_256.txt", KeyWrapMode::Kwp, true);
}

TEST_CASE("wrapped keys of invalid length are rejected before OpenSSL sees them") {
  const SecretBytes kek(32);
  for (KeyWrapMode mode : {KeyWrapMode::Kw, KeyWrapMode::Kwp}) {
    for (size_t len : {0, 8, 15, 17, 23, 33}) {
      INFO("length " << len);
      const Bytes wrapped(len);
      auto r = aes_key_unwrap(mode, kek, wrapped);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == ErrorCode::InvalidArgument);
    }
  }
  CHECK(aes_key_wrap(KeyWrapMode::Kw, kek, {}).error().code == ErrorCode::InvalidArgument);
  CHECK(aes_key_wrap(KeyWrapMode::Kwp, kek, {}).error().code == ErrorCode::InvalidArgument);
}
