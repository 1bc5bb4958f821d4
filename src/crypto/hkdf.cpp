#include "crypto/hkdf.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>

#include "crypto/openssl_error.hpp"

namespace cmk::crypto {

namespace {
Result<SecretBytes> derive(int mode, ByteView ikm, ByteView salt, ByteView info, size_t length,
                           const std::string& digest) {
  std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr),
                                                        &EVP_KDF_free);
  if (!kdf) return openssl_error(ErrorCode::Crypto, "HKDF unavailable");
  std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()),
                                                                &EVP_KDF_CTX_free);
  if (!ctx) return openssl_error(ErrorCode::Crypto, "HKDF context failed");
  std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, digest.c_str(), nullptr),
                                                     &EVP_MD_free);
  if (!md) return make_error(ErrorCode::Unsupported, "unknown digest " + digest);
  if (length == 0 || length > 255 * static_cast<size_t>(EVP_MD_get_size(md.get()))) {
    return make_error(ErrorCode::InvalidArgument, "HKDF output length out of range");
  }
  std::string digest_name = digest;
  OSSL_PARAM params[6];
  size_t n = 0;
  params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest_name.data(), 0);
  // OpenSSL rejects a zero-length key; HKDF-Extract with an empty ikm is still well defined, but
  // nothing in cmkguard derives from an empty key, so the error is fine.
  params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
                                                  const_cast<uint8_t*>(ikm.data()), ikm.size());
  if (!salt.empty()) {
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
                                                    const_cast<uint8_t*>(salt.data()), salt.size());
  }
  params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
                                                  const_cast<uint8_t*>(info.data()), info.size());
  params[n] = OSSL_PARAM_construct_end();
  SecretBytes out(length);
  if (EVP_KDF_derive(ctx.get(), out.expose_secret_mutable().data(), length, params) != 1) {
    return openssl_error(ErrorCode::Crypto, "HKDF derivation failed");
  }
  return out;
}
}  // namespace

Result<SecretBytes> hkdf_expand(ByteView prk, ByteView info, size_t length,
                                const std::string& digest) {
  return derive(EVP_KDF_HKDF_MODE_EXPAND_ONLY, prk, {}, info, length, digest);
}

Result<SecretBytes> hkdf(ByteView ikm, ByteView salt, ByteView info, size_t length,
                         const std::string& digest) {
  return derive(EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND, ikm, salt, info, length, digest);
}

Result<Bytes> hmac(ByteView key, ByteView data, const std::string& digest) {
  Bytes out(EVP_MAX_MD_SIZE);
  size_t out_len = 0;
  if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digest.c_str(), nullptr, key.data(), key.size(),
                 data.data(), data.size(), out.data(), out.size(), &out_len)) {
    return openssl_error(ErrorCode::Crypto, "HMAC failed");
  }
  out.resize(out_len);
  return out;
}

}  // namespace cmk::crypto
