#pragma once
// The cmkguard encrypted-file header (docs/format.md): fixed prefix, encryption context, wrapped
// data-key shares, chunk salt and key commitment, and a MAC over all of it.

#include <string>
#include <utility>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/key_encryption_key.hpp"
#include "crypto/result.hpp"
#include "crypto/stream.hpp"

namespace cmk::crypto {

inline constexpr uint8_t kFormatVersion = 1;
// Suite 1: AES-256-GCM chunks per C2SP chunked encryption, HKDF-SHA-512, HMAC-SHA-512/256 header
// MAC.
inline constexpr uint8_t kSuiteAes256GcmHkdfSha512 = 1;
inline constexpr size_t kHeaderMacSize = 32;
inline constexpr size_t kMaxHeaderSize = 1 << 20;
inline constexpr size_t kMaxWrappedKeys = 8;
inline constexpr int kMinChunkLog2 = 4;   // 16 bytes: only useful for tests
inline constexpr int kMaxChunkLog2 = 24;  // 16 MiB

using EncryptionContext = std::vector<std::pair<std::string, std::string>>;

struct WrappedKey {
  KeyLayer layer = KeyLayer::Service;
  std::string key_id;
  WrapAlgorithm algorithm = WrapAlgorithm::A256Kwp;
  Bytes wrapped;
};

struct FileHeader {
  uint8_t version = kFormatVersion;
  uint8_t suite = kSuiteAes256GcmHkdfSha512;
  uint8_t chunk_log2 = 14;
  EncryptionContext context;
  std::vector<WrappedKey> keys;
  Bytes salt;        // 24 bytes
  Bytes commitment;  // 32 bytes
  Bytes mac;         // 32 bytes

  size_t chunk_size() const { return size_t{1} << chunk_log2; }
};

// Every header byte before the MAC: what the MAC covers.
Bytes encode_header_unmacced(const FileHeader& h);
// The full header as written to a file.
Bytes encode_header(const FileHeader& h);
// What the body cipher binds as its context: the fixed prefix and the encryption context, but
// not the wrapped keys, so rewrapping leaves the body untouched.
Bytes body_context(const FileHeader& h);

// Reads exactly one header from `in`. Format errors say what is wrong; nothing is authenticated
// yet (the caller checks the MAC once it has the data key).
Result<FileHeader> read_header(ByteSource& in);

}  // namespace cmk::crypto
