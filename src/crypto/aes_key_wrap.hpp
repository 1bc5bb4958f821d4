#pragma once
// AES key wrap (RFC 3394 / SP 800-38F KW) and key wrap with padding (RFC 5649, KWP) from OpenSSL
// EVP. Lengths are checked here before OpenSSL sees the input: OpenSSL accepts an empty KW input.

#include "crypto/result.hpp"
#include "crypto/secret_bytes.hpp"

namespace cmk::crypto {

enum class KeyWrapMode { Kw, Kwp };

// KEK of 16, 24 or 32 bytes. KW wraps a multiple of 8 bytes, at least 16; KWP wraps 1 byte or
// more. InvalidArgument otherwise.
Result<Bytes> aes_key_wrap(KeyWrapMode mode, const SecretBytes& kek, ByteView key_to_wrap);

// InvalidArgument for a wrapped length no wrap can produce (KW: multiple of 8, >= 24; KWP:
// multiple of 8, >= 16); Authentication when the integrity check or padding fails.
Result<SecretBytes> aes_key_unwrap(KeyWrapMode mode, const SecretBytes& kek, ByteView wrapped);

}  // namespace cmk::crypto
