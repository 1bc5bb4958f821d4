#pragma once
// RSAES-OAEP (RFC 8017) from OpenSSL EVP_PKEY. JWA names the two variants Azure Key Vault offers:
// RSA-OAEP (SHA-1, MGF1-SHA-1) and RSA-OAEP-256 (SHA-256, MGF1-SHA-256).

#include <string>

#include "crypto/result.hpp"
#include "crypto/rsa_key.hpp"
#include "crypto/secret_bytes.hpp"

namespace cmk::crypto {

struct OaepParams {
  std::string hash = "SHA256";
  std::string mgf1_hash = "SHA256";
  Bytes label;
};

OaepParams rsa_oaep_sha1();    // JWA "RSA-OAEP"
OaepParams rsa_oaep_sha256();  // JWA "RSA-OAEP-256"

// InvalidArgument when the message is too long for the key and hash.
Result<Bytes> rsa_oaep_encrypt(const RsaKey& key, const OaepParams& params, ByteView message);
// InvalidArgument for a ciphertext not exactly the modulus size (checked before OpenSSL sees
// it); Authentication for any padding failure (one error for all, as OAEP requires).
Result<SecretBytes> rsa_oaep_decrypt(const RsaKey& key, const OaepParams& params,
                                     ByteView ciphertext);

}  // namespace cmk::crypto
