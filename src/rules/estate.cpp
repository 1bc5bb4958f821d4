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

// The last byte offset a value (and all it holds) starts at.
uint32_t last_offset(const json::Value& v, uint32_t last) {
  if (v.offset() != json::kNoOffset) last = std::max(last, v.offset());
  if (v.is_array()) {
    for (const json::Value& item : v.items()) last = last_offset(item, last);
  } else if (v.is_object()) {
    for (const json::Member& m : v.members()) last = last_offset(m.value, last);
  }
  return last;
}

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
    // Only the resource's own lines are kept, so the estate does not hold whole files. A
    // streamed export's resource already has a text of its own (its line and the few bytes
    // before it): shared, not copied (a seventh of a 1,000,000-resource scan's memory).
    if (r.offset != json::kNoOffset && r.source && !r.source->is_part()) {
      copy.source = std::make_shared<const json::SourceText>(
          r.source->excerpt(r.offset, last_offset(r.raw ? *r.raw : r.body, r.offset)));
    }
    resources_.push_back(std::move(copy));
    by_type_.add(resources_.back());
  }
}

void Estate::add_kept(const arm::Model& model) {
  for (const arm::Resource& r : model.resources) {
    if (is_link_target(r.type)) by_type_.add(r);
  }
}

bool needs_estate(const arm::Model& model, const std::vector<Rule>& rules) {
  auto reads_links = [&](const arm::Resource& r) {
    return std::any_of(rules.begin(), rules.end(), [&](const Rule& rule) {
      return rule.applies_to_type(r.type) &&
             std::any_of(rule.relations.begin(), rule.relations.end(),
                         [](const Relation& rel) { return !rel.link.empty(); });
    });
  };
  return std::any_of(model.resources.begin(), model.resources.end(), [&](const arm::Resource& r) {
    const json::Value* props = r.body.find("properties");
    const json::Value* encryption =
        props && props->is_object() ? props->find("encryption") : nullptr;
    return encryption && encryption->is_object() && encryption->find("keyVaultProperties") &&
           reads_links(r);
  });
}

}  // namespace cmk::rules
