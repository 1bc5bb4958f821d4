#include "crypto/random.hpp"

#include <openssl/rand.h>

namespace cmk::crypto {

Result<Bytes> random_bytes(size_t size) {
  Bytes out(size);
  if (size > 0 && RAND_bytes(out.data(), static_cast<int>(size)) != 1) {
    return make_error(ErrorCode::Crypto, "RAND_bytes failed");
  }
  return out;
}

Result<SecretBytes> random_secret(size_t size) {
  SecretBytes out(size);
  if (size > 0 && RAND_bytes(out.expose_secret_mutable().data(), static_cast<int>(size)) != 1) {
    return make_error(ErrorCode::Crypto, "RAND_bytes failed");
  }
  return out;
}

}  // namespace cmk::crypto
