#pragma once
// Azure Key Vault key identifiers: https://<vault>.vault.azure.net/keys/<name>[/<version>].

#include <optional>
#include <string>
#include <string_view>

namespace cmk::crypto {

struct KeyIdParts {
  std::string vault;    // lower-case vault name (the first host label)
  std::string name;     // key name as written
  std::string version;  // empty when the id has no version
};

// Empty optional for anything that is not an https Key Vault key URL.
std::optional<KeyIdParts> parse_key_id(std::string_view id);
// The vault name of a vault URI such as https://contoso.vault.azure.net/ (trailing slash optional).
std::optional<std::string> vault_name_from_uri(std::string_view uri);

std::string vault_uri(std::string_view vault);  // https://<vault>.vault.azure.net
std::string key_id(std::string_view vault, std::string_view name, std::string_view version);

// Azure's naming rules: vaults 3-24 of [a-z0-9-], starting with a letter, no "--", not ending in
// "-"; keys 1-127 of [A-Za-z0-9-]. Both also keep names safe as path components.
bool valid_vault_name(std::string_view name);
bool valid_key_name(std::string_view name);

}  // namespace cmk::crypto
