#pragma once
// Randomness from OpenSSL's DRBG.

#include "crypto/result.hpp"
#include "crypto/secret_bytes.hpp"

namespace cmk::crypto {

// Fails only when the DRBG cannot be seeded (Crypto).
Result<Bytes> random_bytes(size_t size);
Result<SecretBytes> random_secret(size_t size);

}  // namespace cmk::crypto
