#include "rules/builtin_roles.hpp"

#include <array>

#include "json/value.hpp"

namespace cmk::rules {

namespace {

// Data actions as Azure's built-in role definitions list them (Azure built-in roles, Security
// and General categories; `az role definition list --name <id>`). Control-plane roles hold no
// data actions: Owner or Contributor on a vault cannot wrap with its keys.
constexpr std::string_view kAdministrator[] = {"Microsoft.KeyVault/vaults/*"};
constexpr std::string_view kCertificatesOfficer[] = {
    "Microsoft.KeyVault/vaults/certificatecas/*", "Microsoft.KeyVault/vaults/certificates/*",
    "Microsoft.KeyVault/vaults/certificatecontacts/write"};
constexpr std::string_view kCertificateUser[] = {
    "Microsoft.KeyVault/vaults/certificates/read",
    "Microsoft.KeyVault/vaults/secrets/getSecret/action",
    "Microsoft.KeyVault/vaults/secrets/readMetadata/action", "Microsoft.KeyVault/vaults/keys/read"};
constexpr std::string_view kCryptoOfficer[] = {"Microsoft.KeyVault/vaults/keys/*",
                                               "Microsoft.KeyVault/vaults/keyrotationpolicies/*"};
constexpr std::string_view kCryptoServiceEncryptionUser[] = {
    "Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action",
    "Microsoft.KeyVault/vaults/keys/unwrap/action"};
constexpr std::string_view kCryptoServiceReleaseUser[] = {
    "Microsoft.KeyVault/vaults/keys/release/action"};
constexpr std::string_view kCryptoUser[] = {"Microsoft.KeyVault/vaults/keys/read",
                                            "Microsoft.KeyVault/vaults/keys/update/action",
                                            "Microsoft.KeyVault/vaults/keys/backup/action",
                                            "Microsoft.KeyVault/vaults/keys/encrypt/action",
                                            "Microsoft.KeyVault/vaults/keys/decrypt/action",
                                            "Microsoft.KeyVault/vaults/keys/wrap/action",
                                            "Microsoft.KeyVault/vaults/keys/unwrap/action",
                                            "Microsoft.KeyVault/vaults/keys/sign/action",
                                            "Microsoft.KeyVault/vaults/keys/verify/action"};
constexpr std::string_view kReader[] = {"Microsoft.KeyVault/vaults/*/read",
                                        "Microsoft.KeyVault/vaults/secrets/readMetadata/action"};
constexpr std::string_view kSecretsOfficer[] = {"Microsoft.KeyVault/vaults/secrets/*"};
constexpr std::string_view kSecretsUser[] = {
    "Microsoft.KeyVault/vaults/secrets/getSecret/action",
    "Microsoft.KeyVault/vaults/secrets/readMetadata/action"};

constexpr std::array<BuiltinRole, 18> kRoles = {{
    {"00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator", kAdministrator},
    {"a4417e6f-fecd-4de8-b567-7b0420556985", "Key Vault Certificates Officer",
     kCertificatesOfficer},
    {"db79e9a7-68ee-4b58-9aeb-b90e7c24fcba", "Key Vault Certificate User", kCertificateUser},
    {"f25e0fa2-a7c8-4377-a976-54943a77a395", "Key Vault Contributor", {}},
    {"14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer", kCryptoOfficer},
    {"e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
     kCryptoServiceEncryptionUser},
    {"08bbd89e-9f13-488c-ac41-acfcb10c90ab", "Key Vault Crypto Service Release User",
     kCryptoServiceReleaseUser},
    {"12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User", kCryptoUser},
    {"8b54135c-b56d-4d72-a534-26097cfdc8d8", "Key Vault Data Access Administrator", {}},
    {"21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader", kReader},
    {"b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer", kSecretsOfficer},
    {"4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User", kSecretsUser},
    {"18500a29-7fe2-46b2-a342-b16a415e101d", "Managed HSM contributor", {}},
    {"8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", {}},
    {"b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor", {}},
    {"acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", {}},
    {"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator", {}},
    {"f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator", {}},
}};

}  // namespace

const BuiltinRole* find_builtin_role(std::string_view id) {
  for (const BuiltinRole& r : kRoles) {
    if (json::iequals(id, r.id)) return &r;
  }
  return nullptr;
}

bool action_matches(std::string_view pattern, std::string_view action) {
  // Greedy wildcard match with one backtrack point: the last '*' seen absorbs one more character
  // when the rest fails. Linear in practice; patterns are short.
  size_t p = 0, a = 0, star = std::string_view::npos, resume = 0;
  auto same = [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  };
  while (a < action.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = a;
    } else if (p < pattern.size() && same(pattern[p], action[a])) {
      ++p;
      ++a;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      a = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace cmk::rules
