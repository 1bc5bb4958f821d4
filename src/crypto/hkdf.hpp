#pragma once
// HKDF (RFC 5869) and HMAC from OpenSSL EVP_KDF / EVP_MAC. cmkguard uses SHA-512 throughout; the
// digest is a parameter so the Wycheproof vectors for other digests exercise the same code.

#include <string>

#include "crypto/result.hpp"
#include "crypto/secret_bytes.hpp"

namespace cmk::crypto {

inline constexpr const char* kSha512 = "SHA512";

// HKDF-Expand only (prk used as is), as C2SP chunked encryption specifies.
Result<SecretBytes> hkdf_expand(ByteView prk, ByteView info, size_t length,
                                const std::string& digest = kSha512);
// Extract then expand. InvalidArgument when length exceeds 255 * digest size (Crypto for an
// unknown digest).
Result<SecretBytes> hkdf(ByteView ikm, ByteView salt, ByteView info, size_t length,
                         const std::string& digest = kSha512);

Result<Bytes> hmac(ByteView key, ByteView data, const std::string& digest = kSha512);

}  // namespace cmk::crypto
