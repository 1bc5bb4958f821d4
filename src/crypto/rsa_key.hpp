#pragma once
// An RSA key (public, or private with CRT parameters) held by OpenSSL. Immutable value type:
// copies share the same EVP_PKEY, which OpenSSL frees (and cleanses) with the last copy.

#include <memory>
#include <optional>

#include "crypto/result.hpp"
#include "crypto/secret_bytes.hpp"

struct evp_pkey_st;

namespace cmk::crypto {

// The JWK members of an RSA key (RFC 7518 section 6.3); private members absent for public keys.
struct RsaComponents {
  Bytes n, e;
  std::optional<SecretBytes> d, p, q, dp, dq, qi;
};

class RsaKey {
 public:
  // bits must be 2048, 3072 or 4096 (InvalidArgument otherwise).
  static Result<RsaKey> generate(int bits);
  static Result<RsaKey> from_components(const RsaComponents& c);
  // DER PKCS#8 PrivateKeyInfo or a traditional RSAPrivateKey (as test vectors carry them).
  static Result<RsaKey> from_private_der(ByteView der);

  Result<RsaComponents> components() const;
  int bits() const;
  size_t modulus_size() const { return static_cast<size_t>((bits() + 7) / 8); }
  bool has_private() const { return has_private_; }
  // The public half (an error, never the private key, when it cannot be built).
  Result<RsaKey> public_only() const;

  evp_pkey_st* pkey() const { return pkey_.get(); }

 private:
  RsaKey(std::shared_ptr<evp_pkey_st> pkey, bool has_private)
      : pkey_(std::move(pkey)), has_private_(has_private) {}
  static std::shared_ptr<evp_pkey_st> adopt(evp_pkey_st* pkey);
  std::shared_ptr<evp_pkey_st> pkey_;
  bool has_private_ = false;
};

}  // namespace cmk::crypto
