#include "crypto/envelope.hpp"

#include <catch2/catch.hpp>

#include "fake_keys.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;

namespace {
constexpr const char* kServiceId = "https://v.vault.azure.net/service-keys/service/s1";
constexpr const char* kCustomerId = "https://v.vault.azure.net/keys/cmk/c1";

struct World {
  std::shared_ptr<FakeAesKek> service = std::make_shared<FakeAesKek>(kServiceId);
  std::shared_ptr<FakeRsaKek> customer =
      std::make_shared<FakeRsaKek>(kCustomerId, shared_rsa_key());
  FakeResolver resolver;
  World() {
    resolver.add(service);
    resolver.add(customer);
  }
};

Bytes pattern(size_t n) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * 131 + 17);
  return b;
}

Result<Bytes> encrypt(const EnvelopeKeys& keys, const Bytes& plain, size_t chunk = 16384,
                      EncryptionContext ctx = {}) {
  MemorySource in(plain);
  MemorySink out;
  auto st = encrypt_stream(keys, EncryptOptions{chunk, std::move(ctx)}, in, out);
  if (!st) return st.error();
  return out.bytes();
}

Result<Bytes> decrypt(KeyResolver& resolver, const Bytes& sealed) {
  MemorySource in(sealed);
  MemorySink out;
  auto st = decrypt_stream(resolver, in, out);
  if (!st) return st.error();
  return out.bytes();
}

size_t header_size(const Bytes& sealed) {
  return 12 +
         (size_t{sealed[8]} << 24 | size_t{sealed[9]} << 16 | size_t{sealed[10]} << 8 | sealed[11]);
}
}  // namespace

TEST_CASE("envelope round-trips with and without a customer layer") {
  World w;
  for (size_t n : {0, 1, 1000, 16384, 70000}) {
    INFO("size " << n);
    const Bytes plain = pattern(n);
    auto service_only = encrypt({w.service, nullptr}, plain);
    REQUIRE(service_only.ok());
    auto back = decrypt(w.resolver, *service_only);
    REQUIRE(back.ok());
    CHECK(*back == plain);
    auto cmk = encrypt({w.service, w.customer}, plain, 1024, {{"purpose", "test"}});
    REQUIRE(cmk.ok());
    back = decrypt(w.resolver, *cmk);
    REQUIRE(back.ok());
    CHECK(*back == plain);
  }
}

TEST_CASE("with a customer layer both keys are required, and errors name the missing key") {
  World w;
  auto sealed = encrypt({w.service, w.customer}, pattern(100));
  REQUIRE(sealed.ok());
  SECTION("customer key removed") {
    w.resolver.remove(kCustomerId);
    auto r = decrypt(w.resolver, *sealed);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::KeyNotFound);
    CHECK_THAT(r.error().message,
               Catch::Contains(kCustomerId) && Catch::Contains("customer layer"));
  }
  SECTION("service key removed") {
    w.resolver.remove(kServiceId);
    auto r = decrypt(w.resolver, *sealed);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains(kServiceId));
  }
  SECTION("customer key disabled") {
    w.customer->enabled = false;
    auto r = decrypt(w.resolver, *sealed);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::KeyDisabled);
    CHECK_THAT(r.error().message, Catch::Contains(kCustomerId) && Catch::Contains("disabled"));
  }
  SECTION("a key provider that always fails") {
    FakeResolver failing;
    failing.add(w.service);
    failing.add(std::make_shared<FailingKek>(kCustomerId, Error{ErrorCode::Crypto, "HSM offline"}));
    auto r = decrypt(failing, *sealed);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Crypto);
    CHECK_THAT(r.error().message, Catch::Contains("HSM offline") && Catch::Contains(kCustomerId));
  }
}

TEST_CASE("encrypting fails cleanly when a key cannot wrap") {
  World w;
  auto failing = std::make_shared<FailingKek>(kCustomerId,
                                              Error{ErrorCode::OperationNotAllowed, "no wrapKey"});
  auto r = encrypt({w.service, failing}, pattern(10));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::OperationNotAllowed);
  CHECK(encrypt({nullptr, w.customer}, pattern(10)).error().code == ErrorCode::InvalidArgument);
  CHECK(encrypt({w.service, nullptr}, pattern(10), 1000).error().code ==
        ErrorCode::InvalidArgument);
}

TEST_CASE("flipping any single bit of a small encrypted file makes decryption fail") {
  World w;
  // Small chunks so the body has several chunks, including a short final one.
  auto sealed = encrypt({w.service, w.customer}, pattern(100), 32, {{"k", "v"}});
  REQUIRE(sealed.ok());
  REQUIRE(decrypt(w.resolver, *sealed).ok());
  const size_t header = header_size(*sealed);
  REQUIRE(sealed->size() > header + 100);
  size_t rejected = 0;
  for (size_t byte = 0; byte < sealed->size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes tampered = *sealed;
      tampered[byte] ^= static_cast<uint8_t>(1u << bit);
      auto r = decrypt(w.resolver, tampered);
      if (r.ok()) FAIL("bit " << bit << " of byte " << byte << " flipped without detection");
      ++rejected;
    }
  }
  CHECK(rejected == sealed->size() * 8);
}

TEST_CASE("truncation at every length and an appended chunk are detected") {
  World w;
  auto sealed = encrypt({w.service, nullptr}, pattern(100), 32);
  REQUIRE(sealed.ok());
  for (size_t len = 0; len < sealed->size(); ++len) {
    INFO("truncated to " << len);
    Bytes cut(sealed->begin(), sealed->begin() + static_cast<std::ptrdiff_t>(len));
    CHECK_FALSE(decrypt(w.resolver, cut).ok());
  }
  const size_t header = header_size(*sealed);
  Bytes appended = *sealed;
  appended.insert(appended.end(), sealed->begin() + static_cast<std::ptrdiff_t>(header),
                  sealed->begin() + static_cast<std::ptrdiff_t>(header + 48));
  CHECK_FALSE(decrypt(w.resolver, appended).ok());
  // Two chunks swapped.
  Bytes swapped = *sealed;
  std::swap_ranges(swapped.begin() + static_cast<std::ptrdiff_t>(header),
                   swapped.begin() + static_cast<std::ptrdiff_t>(header + 48),
                   swapped.begin() + static_cast<std::ptrdiff_t>(header + 48));
  CHECK(decrypt(w.resolver, swapped).error().code == ErrorCode::Authentication);
}

TEST_CASE("rewrapping changes only the header: the body bytes stay identical") {
  World w;
  const Bytes plain = pattern(5000);
  auto sealed = encrypt({w.service, w.customer}, plain, 1024);
  REQUIRE(sealed.ok());
  MemorySource in(*sealed);
  auto header = read_header(in);
  REQUIRE(header.ok());
  const Bytes body(sealed->begin() + static_cast<std::ptrdiff_t>(header_size(*sealed)),
                   sealed->end());

  auto rewrite = [&](const FileHeader& h) {
    Bytes out = encode_header(h);
    out.insert(out.end(), body.begin(), body.end());
    return out;
  };

  SECTION("rotation onto a new customer key version") {
    auto rotated = std::make_shared<FakeRsaKek>("https://v.vault.azure.net/keys/cmk/c2",
                                                *RsaKey::generate(2048));
    w.resolver.add(rotated);
    auto h2 = rewrap_header(*header, w.resolver, RewrapRequest{nullptr, rotated, false});
    REQUIRE(h2.ok());
    REQUIRE(h2->keys.size() == 2);
    CHECK(h2->keys[1].key_id == rotated->key_id());
    w.resolver.remove(kCustomerId);  // the old version is no longer needed
    auto back = decrypt(w.resolver, rewrite(*h2));
    REQUIRE(back.ok());
    CHECK(*back == plain);
  }
  SECTION("customer layer removed: the service key alone decrypts") {
    auto h2 = rewrap_header(*header, w.resolver, RewrapRequest{nullptr, nullptr, true});
    REQUIRE(h2.ok());
    REQUIRE(h2->keys.size() == 1);
    CHECK(h2->keys[0].layer == KeyLayer::Service);
    w.resolver.remove(kCustomerId);
    auto back = decrypt(w.resolver, rewrite(*h2));
    REQUIRE(back.ok());
    CHECK(*back == plain);
    SECTION("and added back: now the customer key is required again") {
      w.resolver.add(w.customer);
      auto h3 = rewrap_header(*h2, w.resolver, RewrapRequest{nullptr, w.customer, false});
      REQUIRE(h3.ok());
      CHECK(h3->keys.size() == 2);
      CHECK(decrypt(w.resolver, rewrite(*h3)).ok());
      w.resolver.remove(kCustomerId);
      CHECK(decrypt(w.resolver, rewrite(*h3)).error().code == ErrorCode::KeyNotFound);
    }
  }
  SECTION("a tampered header is not blessed by rewrapping") {
    FileHeader bad = *header;
    bad.context.emplace_back("x", "y");
    CHECK(rewrap_header(bad, w.resolver, RewrapRequest{}).error().code ==
          ErrorCode::Authentication);
  }
}
