#include "crypto/chunked.hpp"

#include <openssl/sha.h>

#include <catch2/catch.hpp>

#include "crypto/random.hpp"
#include "vector_files.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;

TEST_CASE("chunked encryption passes the Wycheproof C2SP (Cobblestone-256) vectors") {
  rapidjson::Document doc;
  if (!load_wycheproof("c2sp_chunked_encryption_aes_256_gcm_test.json", doc)) return;
  int valid = 0, invalid = 0;
  for (const auto& group : doc["testGroups"].GetArray()) {
    for (const auto& t : group["tests"].GetArray()) {
      INFO("tcId " << t["tcId"].GetInt() << " " << t["comment"].GetString());
      const SecretBytes key{ByteView(hex(t["key"]))};
      const Bytes ctx = hex(t["ctx"]);
      const Bytes ct = inflate(hex(t["ct"]));
      MemorySource in(ct);
      MemorySink out;
      const Status st = cobblestone_decrypt(key, ctx, in, out);
      const std::string result = t["result"].GetString();
      if (result == "valid") {
        ++valid;
        REQUIRE(st.ok());
        CHECK(out.bytes().size() == t["msgLength"].GetUint64());
        uint8_t digest[SHA512_DIGEST_LENGTH];
        SHA512(out.bytes().data(), out.bytes().size(), digest);
        CHECK(to_hex(ByteView(digest, sizeof digest)) == t["msgSha512"].GetString());
        // Raw mode re-encryption is deterministic: it must reproduce the chunks exactly.
        ChunkKeys keys{SecretBytes{ByteView(hex(t["aeadKey"]))}, hex(t["baseNonce"]), {}};
        MemorySource plain(out.bytes());
        MemorySink again;
        REQUIRE(seal_chunks(keys, kDefaultChunkSize, plain, again).ok());
        CHECK(again.bytes() == Bytes(ct.begin() + 56, ct.end()));
      } else {
        ++invalid;
        REQUIRE_FALSE(st.ok());
        // Streaming may emit only the authenticated prefix, never more.
        const uint64_t prefix = t.HasMember("msgLength") ? t["msgLength"].GetUint64() : 0;
        CHECK(out.bytes().size() <= prefix);
      }
    }
  }
  CHECK(valid == 10);
  CHECK(invalid == 25);
}

TEST_CASE("chunked encryption round-trips every length around chunk boundaries") {
  auto key = random_secret(32);
  REQUIRE(key.ok());
  for (size_t chunk : {16, 64}) {
    for (size_t len = 0; len <= 3 * chunk + 1; ++len) {
      INFO("chunk " << chunk << " length " << len);
      Bytes msg(len);
      for (size_t i = 0; i < len; ++i) msg[i] = static_cast<uint8_t>(i * 31 + 7);
      auto keys = derive_chunk_keys(*key, Bytes(24, 1), as_bytes("ctx"));
      REQUIRE(keys.ok());
      MemorySource in(msg);
      MemorySink sealed;
      REQUIRE(seal_chunks(*keys, chunk, in, sealed).ok());
      CHECK(sealed.bytes().size() == len + (len / chunk + 1) * kGcmTagSize);
      MemorySource sin(sealed.bytes());
      MemorySink opened;
      REQUIRE(open_chunks(*keys, chunk, sin, opened).ok());
      CHECK(opened.bytes() == msg);
    }
  }
}

TEST_CASE("chunked decryption rejects a missing final chunk and an appended chunk") {
  auto key = random_secret(32);
  REQUIRE(key.ok());
  auto keys = derive_chunk_keys(*key, Bytes(24, 2), {});
  REQUIRE(keys.ok());
  const Bytes msg(100, 0x5a);
  MemorySource in(msg);
  MemorySink sealed;
  REQUIRE(seal_chunks(*keys, 32, in, sealed).ok());
  const Bytes& ct = sealed.bytes();  // 3 full chunks of 48 bytes + final of 4 + 16
  {
    Bytes cut(ct.begin(), ct.begin() + 3 * 48);
    MemorySource s(cut);
    MemorySink o;
    CHECK(open_chunks(*keys, 32, s, o).error().code == ErrorCode::Format);
  }
  {
    Bytes extended = ct;
    extended.insert(extended.end(), ct.begin(), ct.begin() + 48);
    MemorySource s(extended);
    MemorySink o;
    CHECK_FALSE(open_chunks(*keys, 32, s, o).ok());
  }
}
