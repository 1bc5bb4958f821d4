#pragma once
// Resolves key ids across key stores: pkcs11: URIs go to the token (when one is open), every
// other id to the vault.

#include "crypto/key_encryption_key.hpp"

namespace cmk::crypto {

class KeyRouter final : public KeyResolver {
 public:
  // Both resolvers must outlive the router; token may be null.
  KeyRouter(KeyResolver& vault, KeyResolver* token) : vault_(vault), token_(token) {}
  Result<std::shared_ptr<KeyEncryptionKey>> resolve(const std::string& key_id,
                                                    WrapAlgorithm algorithm) override {
    if (key_id.starts_with("pkcs11:")) {
      if (!token_) {
        return make_error(ErrorCode::KeyNotFound,
                          "the key is on a PKCS#11 token: pass --pkcs11-module and --pkcs11-token");
      }
      return token_->resolve(key_id, algorithm);
    }
    return vault_.resolve(key_id, algorithm);
  }

 private:
  KeyResolver& vault_;
  KeyResolver* token_;
};

}  // namespace cmk::crypto
