#include "crypto/aes_gcm.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <climits>

#include "crypto/openssl_error.hpp"

namespace cmk::crypto {

void AesGcm::CtxFree::operator()(evp_cipher_ctx_st* ctx) const { EVP_CIPHER_CTX_free(ctx); }

namespace {
const EVP_CIPHER* gcm_for_key_size(size_t size) {
  switch (size) {
    case 16:
      return EVP_aes_128_gcm();
    case 24:
      return EVP_aes_192_gcm();
    case 32:
      return EVP_aes_256_gcm();
    default:
      return nullptr;
  }
}

Status check_sizes(ByteView nonce, size_t data_size) {
  if (nonce.size() != kGcmNonceSize) {
    return make_error(ErrorCode::InvalidArgument, "AES-GCM nonce must be 12 bytes");
  }
  if (data_size > static_cast<size_t>(INT_MAX)) {
    return make_error(ErrorCode::InvalidArgument, "AES-GCM message too long for one call");
  }
  return ok_status();
}
}  // namespace

Result<AesGcm> AesGcm::create(const SecretBytes& key) {
  const EVP_CIPHER* cipher = gcm_for_key_size(key.size());
  if (!cipher)
    return make_error(ErrorCode::InvalidArgument, "AES-GCM key must be 16, 24 or 32 bytes");
  AesGcm gcm;
  gcm.enc_.reset(EVP_CIPHER_CTX_new());
  gcm.dec_.reset(EVP_CIPHER_CTX_new());
  if (!gcm.enc_ || !gcm.dec_ ||
      EVP_EncryptInit_ex(gcm.enc_.get(), cipher, nullptr, key.expose_secret().data(), nullptr) !=
          1 ||
      EVP_DecryptInit_ex(gcm.dec_.get(), cipher, nullptr, key.expose_secret().data(), nullptr) !=
          1) {
    return openssl_error(ErrorCode::Crypto, "AES-GCM init failed");
  }
  return gcm;
}

Status AesGcm::seal(ByteView nonce, ByteView aad, ByteView plaintext, uint8_t* out) {
  CMK_TRY(check_sizes(nonce, plaintext.size() + aad.size()));
  EVP_CIPHER_CTX* ctx = enc_.get();
  int len = 0;
  // Re-initialising with only an IV keeps the key schedule: cheap per chunk.
  if (EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data()) != 1 ||
      (!aad.empty() &&
       EVP_EncryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1) ||
      EVP_EncryptUpdate(ctx, out, &len, plaintext.data(), static_cast<int>(plaintext.size())) !=
          1 ||
      EVP_EncryptFinal_ex(ctx, out + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kGcmTagSize, out + plaintext.size()) != 1) {
    return openssl_error(ErrorCode::Crypto, "AES-GCM encryption failed");
  }
  return ok_status();
}

Status AesGcm::open(ByteView nonce, ByteView aad, ByteView sealed, uint8_t* out) {
  if (sealed.size() < kGcmTagSize) {
    return make_error(ErrorCode::Authentication, "AES-GCM input shorter than its tag");
  }
  CMK_TRY(check_sizes(nonce, sealed.size() + aad.size()));
  const size_t ct_size = sealed.size() - kGcmTagSize;
  // The tag is copied first: out may alias sealed and overwrite it.
  uint8_t tag[kGcmTagSize];
  std::copy(sealed.begin() + ct_size, sealed.end(), tag);
  EVP_CIPHER_CTX* ctx = dec_.get();
  int len = 0;
  if (EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data()) != 1 ||
      (!aad.empty() &&
       EVP_DecryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1) ||
      EVP_DecryptUpdate(ctx, out, &len, sealed.data(), static_cast<int>(ct_size)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kGcmTagSize, tag) != 1) {
    return openssl_error(ErrorCode::Crypto, "AES-GCM decryption failed");
  }
  if (EVP_DecryptFinal_ex(ctx, out + len, &len) != 1) {
    return openssl_error(ErrorCode::Authentication, "AES-GCM tag does not verify");
  }
  return ok_status();
}

Result<Bytes> aes_gcm_seal(const SecretBytes& key, ByteView nonce, ByteView aad,
                           ByteView plaintext) {
  auto gcm = AesGcm::create(key);
  if (!gcm) return gcm.error();
  Bytes out(plaintext.size() + kGcmTagSize);
  CMK_TRY(gcm->seal(nonce, aad, plaintext, out.data()));
  return out;
}

Result<Bytes> aes_gcm_open(const SecretBytes& key, ByteView nonce, ByteView aad, ByteView sealed) {
  auto gcm = AesGcm::create(key);
  if (!gcm) return gcm.error();
  Bytes out(sealed.size() >= kGcmTagSize ? sealed.size() - kGcmTagSize : 0);
  if (Status st = gcm->open(nonce, aad, sealed, out.data()); !st.ok()) {
    // What was decrypted did not authenticate: it must not linger in freed memory.
    OPENSSL_cleanse(out.data(), out.size());
    return st.error();
  }
  return out;
}

}  // namespace cmk::crypto
