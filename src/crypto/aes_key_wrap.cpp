#include "crypto/aes_key_wrap.hpp"

#include <openssl/evp.h>

#include <climits>
#include <memory>

#include "crypto/openssl_error.hpp"

namespace cmk::crypto {

namespace {
const EVP_CIPHER* wrap_cipher(KeyWrapMode mode, size_t kek_size) {
  const bool pad = mode == KeyWrapMode::Kwp;
  switch (kek_size) {
    case 16:
      return pad ? EVP_aes_128_wrap_pad() : EVP_aes_128_wrap();
    case 24:
      return pad ? EVP_aes_192_wrap_pad() : EVP_aes_192_wrap();
    case 32:
      return pad ? EVP_aes_256_wrap_pad() : EVP_aes_256_wrap();
    default:
      return nullptr;
  }
}

// Largest input we accept; keys are small and this keeps int conversions safe.
constexpr size_t kMaxWrapInput = 1 << 20;

Result<Bytes> run(KeyWrapMode mode, const SecretBytes& kek, ByteView in, bool encrypt) {
  const EVP_CIPHER* cipher = wrap_cipher(mode, kek.size());
  if (!cipher)
    return make_error(ErrorCode::InvalidArgument, "AES key wrap KEK must be 16, 24 or 32 bytes");
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      &EVP_CIPHER_CTX_free);
  if (!ctx) return openssl_error(ErrorCode::Crypto, "EVP_CIPHER_CTX_new failed");
  EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
  if (EVP_CipherInit_ex(ctx.get(), cipher, nullptr, kek.expose_secret().data(), nullptr,
                        encrypt ? 1 : 0) != 1) {
    return openssl_error(ErrorCode::Crypto, "AES key wrap init failed");
  }
  Bytes out(in.size() + 16);
  int len = 0;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &len, in.data(), static_cast<int>(in.size())) != 1 ||
      len < 0) {
    return openssl_error(
        encrypt ? ErrorCode::Crypto : ErrorCode::Authentication,
        encrypt ? "AES key wrap failed" : "AES key unwrap failed: integrity check");
  }
  out.resize(static_cast<size_t>(len));
  return out;
}
}  // namespace

Result<Bytes> aes_key_wrap(KeyWrapMode mode, const SecretBytes& kek, ByteView key_to_wrap) {
  const size_t n = key_to_wrap.size();
  if (n > kMaxWrapInput) return make_error(ErrorCode::InvalidArgument, "key to wrap is too long");
  if (mode == KeyWrapMode::Kw && (n < 16 || n % 8 != 0)) {
    return make_error(ErrorCode::InvalidArgument,
                      "AES-KW wraps a multiple of 8 bytes, at least 16");
  }
  if (mode == KeyWrapMode::Kwp && n == 0) {
    return make_error(ErrorCode::InvalidArgument, "AES-KWP cannot wrap an empty key");
  }
  return run(mode, kek, key_to_wrap, true);
}

Result<SecretBytes> aes_key_unwrap(KeyWrapMode mode, const SecretBytes& kek, ByteView wrapped) {
  const size_t n = wrapped.size();
  const size_t min = mode == KeyWrapMode::Kw ? 24 : 16;
  if (n < min || n % 8 != 0 || n > kMaxWrapInput + 16) {
    return make_error(ErrorCode::InvalidArgument,
                      "wrapped key has an invalid length (" + std::to_string(n) + " bytes)");
  }
  auto out = run(mode, kek, wrapped, false);
  if (!out) return out.error();
  SecretBytes secret{ByteView(*out)};
  OPENSSL_cleanse(out->data(), out->size());
  return secret;
}

}  // namespace cmk::crypto
