#pragma once
// The body cipher: C2SP chunked encryption (c2sp.org/chunked-encryption, "Cobblestone") with
// AES-256-GCM and HKDF-SHA-512. Per message, HKDF-Expand(input key, info) yields a key, a base
// nonce and a 32-byte key commitment; chunk i is sealed under nonce = base nonce XOR i. The final
// chunk is always shorter than the chunk size (possibly empty): that is the end marker, so
// truncation at a chunk boundary and appended chunks are detected without a flag.
// The chunk size is 16 KiB as in the spec unless a caller chooses another (bound by the caller
// into the context, as cmkguard's header does).

#include <cstdint>

#include "crypto/aes_gcm.hpp"
#include "crypto/result.hpp"
#include "crypto/secret_bytes.hpp"
#include "crypto/stream.hpp"

namespace cmk::crypto {

inline constexpr size_t kChunkSaltSize = 24;
inline constexpr size_t kCommitmentSize = 32;
inline constexpr size_t kChunkInputKeySize = 32;
inline constexpr size_t kDefaultChunkSize = 16384;
inline constexpr uint64_t kMaxChunks = uint64_t{1} << 38;

struct ChunkKeys {
  SecretBytes key;   // AES-256-GCM key
  Bytes base_nonce;  // 12 bytes
  Bytes commitment;  // 32 bytes
};

// InvalidArgument for an input key that is not 32 bytes or a salt that is not 24 bytes.
Result<ChunkKeys> derive_chunk_keys(const SecretBytes& input_key, ByteView salt, ByteView context);

// Seals `in` as chunks (without salt and commitment) into `out`. Memory: a few chunks.
Status seal_chunks(const ChunkKeys& keys, size_t chunk_size, ByteSource& in, ByteSink& out);
// Opens chunks until the end of `in`. Authentication for a bad tag, Format for truncation (no
// short final chunk) or trailing data. Plaintext of chunks verified before the failure may already
// be in `out`: callers discard `out` on error.
Status open_chunks(const ChunkKeys& keys, size_t chunk_size, ByteSource& in, ByteSink& out);

// Opens the whole-message form exactly as the C2SP spec lays it out: salt || commitment || chunks
// (what the spec's test vectors hold). Checks the commitment before any chunk (Authentication on
// mismatch).
Status cobblestone_decrypt(const SecretBytes& input_key, ByteView context, ByteSource& in,
                           ByteSink& out);

}  // namespace cmk::crypto
