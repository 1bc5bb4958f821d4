#include "crypto/secret_bytes.hpp"

#include <catch2/catch.hpp>

using namespace cmk::crypto;

TEST_CASE("key material is cleansed when wiped") {
  SecretBytes key(Bytes(32, 0xAB));
  const uint8_t* storage = key.expose_secret().data();
  key.wipe();
  CHECK(key.empty());
  // The vector keeps its allocation after clear(), so the old bytes can still be inspected.
  for (size_t i = 0; i < 32; ++i) CHECK(storage[i] == 0);
}

TEST_CASE("secret bytes move, clone explicitly, and never copy implicitly") {
  static_assert(!std::is_copy_constructible_v<SecretBytes>);
  static_assert(!std::is_copy_assignable_v<SecretBytes>);
  SecretBytes a(Bytes{1, 2, 3});
  SecretBytes b = std::move(a);
  CHECK(a.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
  CHECK(b.size() == 3);
  SecretBytes c = b.clone();
  CHECK(to_hex(c.expose_secret()) == "010203");
}

TEST_CASE("base64url and hex encodings round-trip and reject bad input") {
  const Bytes data{0xfb, 0xff, 0x00, 0x10};
  CHECK(to_base64url(data) == "-_8AEA");
  CHECK(*from_base64url("-_8AEA") == data);
  CHECK(*from_base64url("-_8AEA==") == data);
  CHECK_FALSE(from_base64url("+/8AEA"));
  CHECK_FALSE(from_base64url("A"));
  CHECK(from_base64url("")->empty());
  CHECK(to_hex(data) == "fbff0010");
  CHECK(*from_hex("FBff0010") == data);
  CHECK_FALSE(from_hex("abc"));
  CHECK_FALSE(from_hex("zz"));
}
