#pragma once
// The resources CMK links may resolve to, grouped by type, so that each link of an account reads
// only the candidates of its own type. Without the grouping every link of every account visited
// every link-relevant resource in view: a scan time quadratic in the size of a live export.

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "arm/template_model.hpp"

namespace cmk::rules {

// The group a resource type falls in: the lower-cased type, except that a role assignment
// written as an extension child ("Microsoft.KeyVault/vaults/providers/roleAssignments") is in the
// group of "Microsoft.Authorization/roleAssignments".
std::string link_category(std::string_view type);

// Resources by link_category, each group in the order the resources were added. The resources
// must outlive the index and stay where they are.
class TypeIndex {
 public:
  TypeIndex() = default;
  explicit TypeIndex(const std::vector<arm::Resource>& resources);
  void add(const arm::Resource& resource);
  std::span<const arm::Resource* const> of(std::string_view type) const;

 private:
  std::unordered_map<std::string, std::vector<const arm::Resource*>> groups_;
};

}  // namespace cmk::rules
