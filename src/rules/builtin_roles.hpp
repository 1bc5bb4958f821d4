#pragma once
// Azure built-in roles that a key vault key's role assignments name, with the data actions each
// holds, and the wildcard match Azure RBAC applies to action strings.

#include <span>
#include <string_view>

namespace cmk::rules {

struct BuiltinRole {
  std::string_view id;                             // the role definition's GUID, lower case
  std::string_view name;                           // its display name
  std::span<const std::string_view> data_actions;  // none for control-plane roles
};

// The built-in role with this GUID (any case), or nullptr when it is not in the table. The table
// holds every Key Vault role and the general control-plane roles that people assign by mistake
// (Owner, Contributor, Reader, ...); other built-in roles are not listed and stay undecided.
const BuiltinRole* find_builtin_role(std::string_view id);

// Whether an RBAC action pattern covers `action`: ASCII case-insensitive, and each '*' stands
// for any run of characters, '/' included ("Microsoft.KeyVault/vaults/*/read" covers
// "Microsoft.KeyVault/vaults/keys/read").
bool action_matches(std::string_view pattern, std::string_view action);

}  // namespace cmk::rules
