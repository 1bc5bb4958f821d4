#pragma once
// The resources CMK links may resolve to, grouped by type, so that each link of an account reads
// only the candidates of its own type; and the two lookups that would otherwise visit every
// candidate for every account (a scan time quadratic in the size of a live export) keyed: a
// user-assigned identity by the ID an account attaches, a key vault by the name and URI its
// keyVaultUri gives.

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "arm/template_model.hpp"
#include "json/value.hpp"

namespace cmk::rules {

// The group a resource type falls in: the lower-cased type, except that a role assignment
// written as an extension child ("Microsoft.KeyVault/vaults/providers/roleAssignments") is in the
// group of "Microsoft.Authorization/roleAssignments".
std::string link_category(std::string_view type);

// Resources by link_category, each group in the order the resources were added. The resources
// must outlive the index and neither move nor change.
class TypeIndex {
 public:
  TypeIndex() = default;
  explicit TypeIndex(const std::vector<arm::Resource>& resources);
  void add(const arm::Resource& resource);
  std::span<const arm::Resource* const> of(std::string_view type) const;

  // The user-assigned identities whose resource ID is `id`, in the order added: a literal ID
  // (compared without case) finds those with that literal ID, a symbolic one those with the same
  // symbolic ID. Nothing else can be proved the same (see `same` in cmk_links.cpp).
  std::span<const arm::Resource* const> identities_with_id(const json::Value& id) const;

  // The key vaults that may be the one a keyVaultUri names when the URI and the vault name it
  // gives are both literal, in the order added: those with that name or with that vaultUri (both
  // compared without case, the URI without trailing slashes), and those whose name is not
  // literal or whose vaultUri is present but not literal. Any other vault is provably not it.
  std::vector<const arm::Resource*> vaults_for(std::string_view name, std::string_view uri) const;

 private:
  std::unordered_map<std::string, std::vector<const arm::Resource*>> groups_;
  std::unordered_map<std::string, std::vector<const arm::Resource*>> identities_by_id_;
  // Key vaults as positions in their group.
  std::unordered_map<std::string, std::vector<size_t>> vaults_by_name_, vaults_by_uri_;
  std::vector<size_t> vaults_unkeyed_;
};

// A URI without its trailing slashes, as vault URIs are compared.
std::string_view trimmed_uri(std::string_view uri);

}  // namespace cmk::rules
