#include "rules/link_targets.hpp"

#include <algorithm>
#include <optional>

namespace cmk::rules {

namespace {

constexpr std::string_view kIdentityGroup = "microsoft.managedidentity/userassignedidentities";
constexpr std::string_view kVaultGroup = "microsoft.keyvault/vaults";

// The key of a resource ID that can be proved equal to another: a literal one or a symbolic one.
std::optional<std::string> id_key(const json::Value& id) {
  if (id.is_string()) return "'" + json::to_lower(id.as_string());
  if (id.is_symbolic()) return "[" + json::to_lower(id.symbolic_info().name);
  return std::nullopt;
}

const json::Value* vault_uri(const json::Value& body) {
  const json::Value* props = body.find("properties");
  return props && props->is_object() ? props->find("vaultUri") : nullptr;
}

}  // namespace

std::string link_category(std::string_view type) {
  std::string lower = json::to_lower(type);
  if (lower.ends_with("/providers/roleassignments")) {
    return "microsoft.authorization/roleassignments";
  }
  return lower;
}

std::string_view trimmed_uri(std::string_view uri) {
  while (!uri.empty() && uri.back() == '/') uri.remove_suffix(1);
  return uri;
}

TypeIndex::TypeIndex(const std::vector<arm::Resource>& resources) {
  for (const arm::Resource& r : resources) add(r);
}

void TypeIndex::add(const arm::Resource& resource) {
  const std::string category = link_category(resource.type);
  std::vector<const arm::Resource*>& group = groups_[category];
  group.push_back(&resource);
  if (category == kIdentityGroup) {
    if (std::optional<std::string> key = id_key(resource.id)) {
      identities_by_id_[*key].push_back(&resource);
    }
  } else if (category == kVaultGroup) {
    const size_t at = group.size() - 1;
    const json::Value* name = resource.body.find("name");
    const json::Value* uri = vault_uri(resource.body);
    if (!name || !name->is_string() || (uri && !uri->is_string())) {
      vaults_unkeyed_.push_back(at);
      return;
    }
    vaults_by_name_[json::to_lower(name->as_string())].push_back(at);
    if (uri) vaults_by_uri_[json::to_lower(trimmed_uri(uri->as_string()))].push_back(at);
  }
}

std::span<const arm::Resource* const> TypeIndex::of(std::string_view type) const {
  const auto it = groups_.find(link_category(type));
  if (it == groups_.end()) return {};
  return it->second;
}

std::span<const arm::Resource* const> TypeIndex::identities_with_id(const json::Value& id) const {
  const std::optional<std::string> key = id_key(id);
  const auto it = key ? identities_by_id_.find(*key) : identities_by_id_.end();
  if (it == identities_by_id_.end()) return {};
  return it->second;
}

std::vector<const arm::Resource*> TypeIndex::vaults_for(std::string_view name,
                                                        std::string_view uri) const {
  const auto group = groups_.find(std::string(kVaultGroup));
  if (group == groups_.end()) return {};
  std::vector<size_t> at = vaults_unkeyed_;
  auto add = [&](const auto& keyed, std::string_view key) {
    if (const auto it = keyed.find(json::to_lower(key)); it != keyed.end()) {
      at.insert(at.end(), it->second.begin(), it->second.end());
    }
  };
  add(vaults_by_name_, name);
  add(vaults_by_uri_, trimmed_uri(uri));
  std::sort(at.begin(), at.end());
  at.erase(std::unique(at.begin(), at.end()), at.end());
  std::vector<const arm::Resource*> out;
  out.reserve(at.size());
  for (const size_t i : at) out.push_back(group->second[i]);
  return out;
}

}  // namespace cmk::rules
