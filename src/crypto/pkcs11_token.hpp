#pragma once
// A PKCS#11 key provider (p11-kit's pkcs11.h, the module loaded directly with dlopen): RSA key
// pairs on a token wrap and unwrap data-key shares with CKM_RSA_PKCS_OAEP, the private key never
// leaving the token. SoftHSM2 implements OAEP with SHA-1 only, so keys here use RSA-OAEP
// (SHA-1, MGF1-SHA-1), Azure's "RSA-OAEP"; RSA-OAEP-256 is for the directory vault.
// Key ids are RFC 7512 URIs: pkcs11:token=<label>;object=<label>. Not thread-safe.

#include <memory>
#include <string>

#include "crypto/key_encryption_key.hpp"
#include "crypto/result.hpp"
#include "crypto/secret_bytes.hpp"

namespace cmk::crypto {

class Pkcs11Token final : public KeyResolver, public std::enable_shared_from_this<Pkcs11Token> {
 public:
  struct Module;  // the loaded library and its function list
  struct Session;

  // Loads the module, initialises it, finds the token by label and logs in as the user.
  // Io when the module cannot be loaded, KeyNotFound for no such token, Authentication for a
  // wrong PIN, Crypto for other PKCS#11 errors (the message carries the CKR_ value).
  static Result<std::shared_ptr<Pkcs11Token>> open(const std::string& module_path,
                                                   const std::string& token_label,
                                                   const SecretBytes& pin);
  ~Pkcs11Token() override;

  // A new RSA key pair on the token (private key sensitive, not extractable).
  // bits 2048, 3072 or 4096; AlreadyExists when a key with that label exists.
  Result<std::shared_ptr<KeyEncryptionKey>> generate_rsa_key(const std::string& label, int bits);
  // KeyNotFound when the token has no such key pair.
  Result<std::shared_ptr<KeyEncryptionKey>> find_rsa_key(const std::string& label);
  // Resolves pkcs11:token=...;object=... ids of this token (RSA-OAEP only).
  Result<std::shared_ptr<KeyEncryptionKey>> resolve(const std::string& key_id,
                                                    WrapAlgorithm algorithm) override;

  std::string key_id(const std::string& label) const;

 private:
  Pkcs11Token() = default;
  std::unique_ptr<Module> module_;
  std::unique_ptr<Session> session_;
  std::string label_;
};

}  // namespace cmk::crypto
