#pragma once
// How the directory vault's files look on disk (JSON, read with cmk::json::parse). Internal to
// the vault; docs/crypto.md describes the layout.

#include <optional>
#include <string>
#include <vector>

#include "crypto/result.hpp"
#include "crypto/rsa_key.hpp"
#include "crypto/secret_bytes.hpp"
#include "crypto/vault.hpp"

namespace cmk::crypto {

std::string vault_properties_json(const VaultProperties& p);
Result<VaultProperties> read_vault_properties(const std::string& path);

struct ServiceKeyFile {
  std::string kid;
  SecretBytes key;
};
std::string service_key_json(const std::string& kid, const SecretBytes& key);
Result<ServiceKeyFile> read_service_key(const std::string& path);

// The key version as {"key": JWK with private members, "attributes": {...}}.
Result<std::string> key_version_json(const KeyVersionInfo& info, const RsaKey& key,
                                     const std::string& recovery_level);
// Metadata (name, version and kid are left for the caller); the RSA key too when key_out is set.
Result<KeyVersionInfo> read_key_version(const std::string& path, std::optional<RsaKey>* key_out);

// A key version as the store names its files: 1-64 ASCII letters and digits.
bool valid_version(std::string_view version);
std::string version_list_json(const std::vector<std::string>& versions);
Result<std::vector<std::string>> read_version_list(const std::string& path);

std::string deleted_info_json(const DeletedInfo& d);
Result<DeletedInfo> read_deleted_info(const std::string& path);

}  // namespace cmk::crypto
