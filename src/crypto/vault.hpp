#pragma once
// A directory key vault with Azure Key Vault semantics (docs/crypto.md has the layout):
// versioned RSA keys stored as JWK with attributes (enabled, nbf, exp, key_ops), ids in Azure's
// form, soft delete with 7-90 retention days, purge protection, enable/disable, and an
// append-only audit log of every key operation. The vault also holds the service key (AES-256)
// that plays the platform's Microsoft-managed key. Every change holds an exclusive lock on the
// store (store_lock.hpp), so concurrent processes lose nothing; every field read back from the
// store is validated as strictly as user input, and store files are never read or written
// through symbolic links.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/audit_log.hpp"
#include "crypto/key_encryption_key.hpp"
#include "crypto/result.hpp"

namespace cmk::crypto {

using Clock = std::function<int64_t()>;  // unix seconds
int64_t system_now();

struct VaultProperties {
  std::string name;
  bool soft_delete = true;
  int retention_days = 90;  // 7..90, as Azure allows
  bool purge_protection = false;
};

struct KeyAttributes {
  bool enabled = true;
  std::optional<int64_t> not_before;  // nbf
  std::optional<int64_t> expires;     // exp
  int64_t created = 0;
  int64_t updated = 0;
};

struct KeyVersionInfo {
  std::string name;
  std::string version;
  std::string kid;
  int bits = 0;
  std::vector<std::string> key_ops;
  KeyAttributes attributes;
};

struct DeletedInfo {
  int64_t deleted_on = 0;
  int64_t scheduled_purge = 0;
};

struct KeyInfo {
  std::string name;
  std::vector<KeyVersionInfo> versions;  // oldest first; the last is the current version
  std::optional<DeletedInfo> deleted;
  const KeyVersionInfo& current() const { return versions.back(); }
  // The named version (empty: the current one), or null.
  const KeyVersionInfo* find_version(std::string_view version) const;
};

// Attribute changes; unset members stay as they are.
struct KeyUpdate {
  std::optional<bool> enabled;
  std::optional<std::optional<int64_t>> not_before;
  std::optional<std::optional<int64_t>> expires;
  std::optional<std::vector<std::string>> key_ops;
};

std::vector<std::string> default_key_ops();

// Why a key version cannot do `operation` ("wrapKey"/"unwrapKey") at `now`: KeyDisabled,
// KeyNotYetValid, KeyExpired or OperationNotAllowed. Azure lets a disabled key wrap (a public-key
// operation) but never unwrap, and so does this.
Status check_key_usable(const KeyVersionInfo& key, std::string_view operation, int64_t now);

class Vault final : public KeyResolver {
 public:
  // The name is lower-cased (DNS). InvalidArgument for a bad name, retention out of 7..90, or purge
  // protection without soft delete; AlreadyExists when dir holds anything.
  static Result<Vault> create(const std::string& dir, const VaultProperties& properties,
                              Clock clock = system_now);
  // InvalidArgument when dir is not a vault. Purges soft-deleted keys whose retention has elapsed.
  static Result<Vault> open(const std::string& dir, Clock clock = system_now);

  const VaultProperties& properties() const { return properties_; }
  std::string uri() const;
  const std::string& service_key_id() const { return service_kid_; }
  const AuditLog& audit_log() const { return audit_; }

  // bits 2048, 3072 or 4096. AlreadyExists for an active or soft-deleted key of that name.
  Result<KeyVersionInfo> create_key(const std::string& name, int bits,
                                    const std::vector<std::string>& key_ops = default_key_ops());
  // A new current version with the same size and operations; old versions stay usable.
  Result<KeyVersionInfo> rotate_key(const std::string& name);
  // Changes one version (empty: the current one).
  Result<KeyVersionInfo> update_key(const std::string& name, const std::string& version,
                                    const KeyUpdate& update);
  // Soft-deletes (or, without soft delete, purges at once).
  Status delete_key(const std::string& name);
  Status recover_key(const std::string& name);
  // OperationNotAllowed while purge protection is on.
  Status purge_key(const std::string& name);

  // KeyDeleted for a soft-deleted key, KeyNotFound when there is none.
  Result<KeyInfo> get_key(const std::string& name) const;
  Result<std::vector<KeyInfo>> list_keys(bool deleted) const;

  Result<std::shared_ptr<KeyEncryptionKey>> service_key() const;
  // A customer-managed key version (default: current) as a key encryption key.
  Result<std::shared_ptr<KeyEncryptionKey>> customer_key(
      const std::string& name, const std::string& version = "",
      WrapAlgorithm algorithm = WrapAlgorithm::RsaOaep256) const;
  // Resolves the service key id or a key id of this vault; errors say whether the key is
  // soft-deleted, purged, or belongs to another vault.
  Result<std::shared_ptr<KeyEncryptionKey>> resolve(const std::string& key_id,
                                                    WrapAlgorithm algorithm) override;

 private:
  Vault(std::string dir, VaultProperties properties, std::string service_kid, Clock clock)
      : dir_(std::move(dir)),
        properties_(std::move(properties)),
        service_kid_(std::move(service_kid)),
        clock_(std::move(clock)),
        audit_(dir_ + "/audit.log") {}
  std::string key_dir(const std::string& name, bool deleted = false) const;
  Result<KeyInfo> load_key(const std::string& name, bool deleted) const;
  Result<KeyVersionInfo> add_version(const std::string& name, int bits,
                                     const std::vector<std::string>& key_ops);
  Status purge_expired();
  template <typename T>
  Result<T> audited(std::string_view operation, const std::string& key_id, Result<T> result) const;

  std::string dir_;
  VaultProperties properties_;
  std::string service_kid_;
  Clock clock_;
  AuditLog audit_;
};

}  // namespace cmk::crypto
