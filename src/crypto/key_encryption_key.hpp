#pragma once
// The seam between the envelope and wherever keys live (a directory vault, a PKCS#11 token, an
// in-memory fake): a key encryption key wraps and unwraps 32-byte data-key shares.

#include <memory>
#include <string>

#include "crypto/result.hpp"
#include "crypto/secret_bytes.hpp"

namespace cmk::crypto {

// Which protection layer a wrapped share belongs to. Service: the platform's own key (Azure's
// Microsoft-managed key); Customer: the customer-managed key.
enum class KeyLayer : uint8_t { Service = 1, Customer = 2 };

enum class WrapAlgorithm : uint8_t {
  A256Kwp = 1,     // AES-256 key wrap with padding, RFC 5649
  RsaOaep256 = 2,  // RSA-OAEP with SHA-256 and MGF1-SHA-256 (Azure "RSA-OAEP-256")
  RsaOaep = 3,     // RSA-OAEP with SHA-1 and MGF1-SHA-1 (Azure "RSA-OAEP"; what SoftHSM offers)
};

const char* layer_name(KeyLayer layer);
const char* wrap_algorithm_name(WrapAlgorithm alg);

class KeyEncryptionKey {
 public:
  virtual ~KeyEncryptionKey() = default;
  // Full versioned id, e.g. https://<vault>.vault.azure.net/keys/<name>/<version>.
  virtual std::string key_id() const = 0;
  virtual WrapAlgorithm algorithm() const = 0;
  // Errors name the key: OperationNotAllowed when key_ops forbid wrapping.
  virtual Result<Bytes> wrap(const SecretBytes& share) = 0;
  // Errors name the key: KeyDisabled, KeyExpired, KeyNotYetValid, KeyDeleted,
  // OperationNotAllowed, InvalidArgument (bad length), Authentication (wrong key or tampered).
  virtual Result<SecretBytes> unwrap(ByteView wrapped) = 0;
};

// Finds the key a file's header names. KeyNotFound / KeyDeleted when it is gone.
class KeyResolver {
 public:
  virtual ~KeyResolver() = default;
  virtual Result<std::shared_ptr<KeyEncryptionKey>> resolve(const std::string& key_id,
                                                            WrapAlgorithm algorithm) = 0;
};

}  // namespace cmk::crypto
