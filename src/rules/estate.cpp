#include "rules/estate.hpp"

#include <algorithm>

namespace cmk::rules {

namespace {

constexpr std::string_view kLinkTargets[] = {
    "Microsoft.KeyVault/vaults",
    "Microsoft.KeyVault/vaults/keys",
    "Microsoft.KeyVault/vaults/accessPolicies",
    "Microsoft.ManagedIdentity/userAssignedIdentities",
    "Microsoft.Authorization/roleAssignments",
    "Microsoft.Authorization/roleDefinitions",
    "Microsoft.CognitiveServices/accounts",
};

}  // namespace

bool is_link_target(std::string_view type) {
  if (json::to_lower(type).ends_with("/providers/roleassignments")) return true;
  return std::any_of(std::begin(kLinkTargets), std::end(kLinkTargets),
                     [&](std::string_view t) { return json::iequals(t, type); });
}

void Estate::add(const arm::Model& model) {
  for (const arm::Resource& r : model.resources) {
    if (!is_link_target(r.type)) continue;
    arm::Resource copy = r;
    copy.raw = nullptr;
    copy.scope.reset();
    resources_.push_back(std::move(copy));
  }
}

bool needs_estate(const arm::Model& model) {
  return std::any_of(model.resources.begin(), model.resources.end(), [](const arm::Resource& r) {
    const json::Value* props = r.body.find("properties");
    const json::Value* encryption =
        props && props->is_object() ? props->find("encryption") : nullptr;
    return encryption && encryption->is_object() && encryption->find("keyVaultProperties");
  });
}

}  // namespace cmk::rules
