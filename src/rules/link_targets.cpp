#include "rules/link_targets.hpp"

#include "json/value.hpp"

namespace cmk::rules {

std::string link_category(std::string_view type) {
  std::string lower = json::to_lower(type);
  if (lower.ends_with("/providers/roleassignments")) {
    return "microsoft.authorization/roleassignments";
  }
  return lower;
}

TypeIndex::TypeIndex(const std::vector<arm::Resource>& resources) {
  for (const arm::Resource& r : resources) add(r);
}

void TypeIndex::add(const arm::Resource& resource) {
  groups_[link_category(resource.type)].push_back(&resource);
}

std::span<const arm::Resource* const> TypeIndex::of(std::string_view type) const {
  const auto it = groups_.find(link_category(type));
  if (it == groups_.end()) return {};
  return it->second;
}

}  // namespace cmk::rules
