#pragma once
// AES-GCM with a 96-bit nonce and a 128-bit tag (the only parameters this tool uses), from
// OpenSSL EVP. Keys of 16, 24 or 32 bytes select AES-128/192/256; cmkguard files use 256.

#include <memory>

#include "crypto/result.hpp"
#include "crypto/secret_bytes.hpp"

struct evp_cipher_ctx_st;

namespace cmk::crypto {

inline constexpr size_t kGcmNonceSize = 12;
inline constexpr size_t kGcmTagSize = 16;

// A keyed context reused across many messages (one key schedule, one allocation), for chunks.
// Not thread-safe; one per stream.
class AesGcm {
 public:
  // InvalidArgument for a key that is not 16, 24 or 32 bytes.
  static Result<AesGcm> create(const SecretBytes& key);

  // Writes plaintext.size() + 16 bytes to out (ciphertext then tag). out may equal plaintext.
  Status seal(ByteView nonce, ByteView aad, ByteView plaintext, uint8_t* out);
  // Writes sealed.size() - 16 bytes to out; Authentication when the tag does not verify (out
  // then holds garbage the caller must discard). out may equal sealed.
  Status open(ByteView nonce, ByteView aad, ByteView sealed, uint8_t* out);

 private:
  struct CtxFree {
    void operator()(evp_cipher_ctx_st* ctx) const;
  };
  AesGcm() = default;
  std::unique_ptr<evp_cipher_ctx_st, CtxFree> enc_;
  std::unique_ptr<evp_cipher_ctx_st, CtxFree> dec_;
};

// One-shot forms: ciphertext||tag out, plaintext back.
Result<Bytes> aes_gcm_seal(const SecretBytes& key, ByteView nonce, ByteView aad,
                           ByteView plaintext);
Result<Bytes> aes_gcm_open(const SecretBytes& key, ByteView nonce, ByteView aad, ByteView sealed);

}  // namespace cmk::crypto
