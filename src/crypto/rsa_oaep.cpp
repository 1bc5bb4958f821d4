#include "crypto/rsa_oaep.hpp"

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>

#include "crypto/openssl_error.hpp"

namespace cmk::crypto {

OaepParams rsa_oaep_sha1() { return {"SHA1", "SHA1", {}}; }
OaepParams rsa_oaep_sha256() { return {"SHA256", "SHA256", {}}; }

namespace {
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

Result<PkeyCtx> oaep_ctx(const RsaKey& key, const OaepParams& params, bool encrypt) {
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.pkey(), nullptr), &EVP_PKEY_CTX_free);
  if (!ctx) return openssl_error(ErrorCode::Crypto, "RSA context failed");
  const int init = encrypt ? EVP_PKEY_encrypt_init(ctx.get()) : EVP_PKEY_decrypt_init(ctx.get());
  if (init != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) != 1 ||
      EVP_PKEY_CTX_set_rsa_oaep_md_name(ctx.get(), params.hash.c_str(), nullptr) != 1 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md_name(ctx.get(), params.mgf1_hash.c_str(), nullptr) != 1) {
    return openssl_error(ErrorCode::Unsupported, "RSA-OAEP parameters not supported");
  }
  if (!params.label.empty()) {
    // OpenSSL takes ownership of the label buffer.
    void* label = OPENSSL_memdup(params.label.data(), params.label.size());
    if (!label || EVP_PKEY_CTX_set0_rsa_oaep_label(ctx.get(), label,
                                                   static_cast<int>(params.label.size())) != 1) {
      OPENSSL_free(label);
      return openssl_error(ErrorCode::Crypto, "RSA-OAEP label failed");
    }
  }
  return ctx;
}
}  // namespace

Result<Bytes> rsa_oaep_encrypt(const RsaKey& key, const OaepParams& params, ByteView message) {
  auto ctx = oaep_ctx(key, params, true);
  if (!ctx) return ctx.error();
  size_t out_len = 0;
  if (EVP_PKEY_encrypt(ctx->get(), nullptr, &out_len, message.data(), message.size()) != 1) {
    return openssl_error(ErrorCode::Crypto, "RSA-OAEP encryption failed");
  }
  Bytes out(out_len);
  if (EVP_PKEY_encrypt(ctx->get(), out.data(), &out_len, message.data(), message.size()) != 1) {
    return openssl_error(ErrorCode::InvalidArgument,
                         "RSA-OAEP encryption failed (message too long?)");
  }
  out.resize(out_len);
  return out;
}

Result<SecretBytes> rsa_oaep_decrypt(const RsaKey& key, const OaepParams& params,
                                     ByteView ciphertext) {
  if (!key.has_private())
    return make_error(ErrorCode::InvalidArgument, "RSA key has no private part");
  if (ciphertext.size() != key.modulus_size()) {
    return make_error(ErrorCode::InvalidArgument,
                      "RSA ciphertext must be " + std::to_string(key.modulus_size()) +
                          " bytes, got " + std::to_string(ciphertext.size()));
  }
  auto ctx = oaep_ctx(key, params, false);
  if (!ctx) return ctx.error();
  SecretBytes out(key.modulus_size());
  size_t out_len = out.size();
  if (EVP_PKEY_decrypt(ctx->get(), out.expose_secret_mutable().data(), &out_len, ciphertext.data(),
                       ciphertext.size()) != 1) {
    return openssl_error(ErrorCode::Authentication, "RSA-OAEP decryption failed");
  }
  SecretBytes exact(out.expose_secret().first(out_len));
  return exact;
}

}  // namespace cmk::crypto
