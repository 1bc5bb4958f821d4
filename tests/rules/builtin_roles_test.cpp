// The built-in role table and the RBAC wildcard match that decide whether a role assignment lets an
// identity get, wrap and unwrap a key.

#include "rules/builtin_roles.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

using cmk::rules::action_matches;
using cmk::rules::find_builtin_role;

namespace {

// Which of get (keys/read), wrap and unwrap a built-in role holds, as "rwu" with '-' for none.
std::string key_use(std::string_view id) {
  const auto* role = find_builtin_role(id);
  REQUIRE(role != nullptr);
  std::string out;
  struct Use {
    std::string_view action;
    char letter;
  };
  for (const Use use : {Use{"Microsoft.KeyVault/vaults/keys/read", 'r'},
                        Use{"Microsoft.KeyVault/vaults/keys/wrap/action", 'w'},
                        Use{"Microsoft.KeyVault/vaults/keys/unwrap/action", 'u'}}) {
    const bool held =
        std::any_of(role->data_actions.begin(), role->data_actions.end(),
                    [&](std::string_view p) { return action_matches(p, use.action); });
    out += held ? use.letter : '-';
  }
  return out;
}

}  // namespace

TEST_CASE("action_matches: Azure's wildcards, anywhere in the pattern", "[builtin_roles]") {
  CHECK(action_matches("*", "Microsoft.KeyVault/vaults/keys/read"));
  CHECK(action_matches("Microsoft.KeyVault/vaults/*", "Microsoft.KeyVault/vaults/keys/read"));
  CHECK(action_matches("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/keys/read"));
  CHECK(action_matches("microsoft.keyvault/VAULTS/keys/*/action",
                       "Microsoft.KeyVault/vaults/keys/unwrap/action"));
  CHECK(action_matches("Microsoft.KeyVault/*/keys/*/action",
                       "Microsoft.KeyVault/vaults/keys/wrap/action"));
  // The first place a '*' could end is not always the right one.
  CHECK(action_matches("*/action", "Microsoft.KeyVault/vaults/keys/wrap/action"));
  CHECK(action_matches("a*b*c", "aXbYbZc"));

  CHECK_FALSE(action_matches("Microsoft.KeyVault/vaults/*/read",
                             "Microsoft.KeyVault/vaults/keys/wrap/action"));
  CHECK_FALSE(action_matches("Microsoft.KeyVault/vaults/keys/read",
                             "Microsoft.KeyVault/vaults/keys/readMetadata"));
  CHECK_FALSE(
      action_matches("Microsoft.KeyVault/vaults/secrets/*", "Microsoft.KeyVault/vaults/keys/read"));
  CHECK_FALSE(action_matches("", "Microsoft.KeyVault/vaults/keys/read"));
  CHECK_FALSE(action_matches("a*b*c", "aXbYbZ"));
}

TEST_CASE("built-in roles: which of get, wrap and unwrap each holds", "[builtin_roles]") {
  CHECK(key_use("e147488a-f6f5-4113-8e2d-b22465e65bf6") ==
        "rwu");  // Crypto Service Encryption User
  CHECK(key_use("12338af0-0e69-4776-bea7-57ae8d297424") == "rwu");  // Crypto User
  CHECK(key_use("14b46e9e-c2b7-41b4-b07b-48a6ebf60603") == "rwu");  // Crypto Officer
  CHECK(key_use("00482a5a-887f-4fb3-b363-3b7fe8e74483") == "rwu");  // Administrator
  CHECK(key_use("21090545-7ca7-4776-b22c-e363652d74d2") == "r--");  // Key Vault Reader
  CHECK(key_use("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba") == "r--");  // Certificate User
  CHECK(key_use("08bbd89e-9f13-488c-ac41-acfcb10c90ab") == "---");  // Crypto Service Release User
  CHECK(key_use("4633458b-17de-408a-b874-0445c86b69e6") == "---");  // Secrets User
  CHECK(key_use("b86a8fe4-44ce-4948-aee5-eccb2c155cd7") == "---");  // Secrets Officer
  CHECK(key_use("f25e0fa2-a7c8-4377-a976-54943a77a395") == "---");  // Key Vault Contributor
  CHECK(key_use("8e3af657-a8ff-443c-a75c-2fe8c4bcb635") == "---");  // Owner
  CHECK(key_use("b24988ac-6180-42a0-ab88-20f7382dd24c") == "---");  // Contributor
  CHECK(key_use("acdd72a7-3385-48ef-bd42-f606fba81ae7") == "---");  // Reader
}

TEST_CASE("built-in roles: looked up by GUID in any case; unknown GUIDs are not guessed",
          "[builtin_roles]") {
  const auto* role = find_builtin_role("E147488A-F6F5-4113-8E2D-B22465E65BF6");
  REQUIRE(role != nullptr);
  CHECK(role->name == "Key Vault Crypto Service Encryption User");
  CHECK(find_builtin_role("00000000-0000-0000-0000-000000000000") == nullptr);
  CHECK(find_builtin_role("e147488a-f6f5-4113-8e2d-b22465e65bf") == nullptr);  // one short
}
