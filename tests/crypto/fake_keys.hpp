#pragma once
// In-memory key encryption keys and a resolver for envelope tests: no vault, no files.

#include <map>
#include <memory>
#include <string>

#include "crypto/aes_key_wrap.hpp"
#include "crypto/key_encryption_key.hpp"
#include "crypto/random.hpp"
#include "crypto/rsa_oaep.hpp"

namespace cmk::crypto::testing {

class FakeAesKek final : public KeyEncryptionKey {
 public:
  explicit FakeAesKek(std::string id) : id_(std::move(id)), key_(std::move(*random_secret(32))) {}
  std::string key_id() const override { return id_; }
  WrapAlgorithm algorithm() const override { return WrapAlgorithm::A256Kwp; }
  Result<Bytes> wrap(const SecretBytes& share) override {
    return aes_key_wrap(KeyWrapMode::Kwp, key_, share.expose_secret());
  }
  Result<SecretBytes> unwrap(ByteView wrapped) override {
    return aes_key_unwrap(KeyWrapMode::Kwp, key_, wrapped);
  }

 private:
  std::string id_;
  SecretBytes key_;
};

class FakeRsaKek final : public KeyEncryptionKey {
 public:
  FakeRsaKek(std::string id, RsaKey key) : id_(std::move(id)), key_(std::move(key)) {}
  std::string key_id() const override { return id_; }
  WrapAlgorithm algorithm() const override { return WrapAlgorithm::RsaOaep256; }
  Result<Bytes> wrap(const SecretBytes& share) override {
    return rsa_oaep_encrypt(key_, rsa_oaep_sha256(), share.expose_secret());
  }
  Result<SecretBytes> unwrap(ByteView wrapped) override {
    if (!enabled) return make_error(ErrorCode::KeyDisabled, "the key is disabled");
    return rsa_oaep_decrypt(key_, rsa_oaep_sha256(), wrapped);
  }
  bool enabled = true;

 private:
  std::string id_;
  RsaKey key_;
};

// Fails every operation with a chosen error (Tink's failing AEAD, for key encryption keys).
class FailingKek final : public KeyEncryptionKey {
 public:
  FailingKek(std::string id, Error error) : id_(std::move(id)), error_(std::move(error)) {}
  std::string key_id() const override { return id_; }
  WrapAlgorithm algorithm() const override { return WrapAlgorithm::RsaOaep256; }
  Result<Bytes> wrap(const SecretBytes&) override { return error_; }
  Result<SecretBytes> unwrap(ByteView) override { return error_; }

 private:
  std::string id_;
  Error error_;
};

class FakeResolver final : public KeyResolver {
 public:
  void add(std::shared_ptr<KeyEncryptionKey> kek) { keys_[kek->key_id()] = std::move(kek); }
  void remove(const std::string& id) { keys_.erase(id); }
  Result<std::shared_ptr<KeyEncryptionKey>> resolve(const std::string& id, WrapAlgorithm) override {
    auto it = keys_.find(id);
    if (it == keys_.end()) return make_error(ErrorCode::KeyNotFound, "no such key");
    return it->second;
  }

 private:
  std::map<std::string, std::shared_ptr<KeyEncryptionKey>> keys_;
};

// One RSA-2048 key per test run: generation is the slow part of these tests.
inline const RsaKey& shared_rsa_key() {
  static const RsaKey key = *RsaKey::generate(2048);
  return key;
}

}  // namespace cmk::crypto::testing
