#pragma once
// Property paths in rules: `properties.networkAcls.ipRules[*].value`, `identity.userAssigned
// Identities.*.clientId`, `items[0]`. Names match case-insensitively, as ARM's do.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json/value.hpp"

namespace cmk::rules {

struct PathSegment {
  enum class Kind { Member, AnyMember, AnyItem, Index } kind = Kind::Member;
  std::string name;  // Member
  size_t index = 0;  // Index
};

struct PropertyPath {
  std::string text;
  std::vector<PathSegment> segments;
};

// Returns nullopt and sets `error` for malformed text (empty segment, bad index, ...).
std::optional<PropertyPath> parse_path(const std::string& text, std::string& error);

// One place a path leads to. `value` is null when the property is absent; then `offset` is the
// nearest existing parent's, so findings can point somewhere real.
struct PathMatch {
  const json::Value* value = nullptr;
  uint32_t offset = json::kNoOffset;  // the member's key where there is one, else the value's
  std::string path;                   // concrete path, e.g. properties.ipRules[2].value
  // Set when the walk hit an unknown value before the end of the path.
  const json::Value* blocked_by = nullptr;
};

// Every place the path leads to in `root`. A wildcard over nothing yields one absent match.
std::vector<PathMatch> resolve(const json::Value& root, const PropertyPath& path);

}  // namespace cmk::rules
