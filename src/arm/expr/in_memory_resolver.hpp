#pragma once
// A ResourceResolver over a fixed set of resources, for tests and simple callers: a lookup
// matches a resource by its ID (exact or, for symbolic IDs, the same symbolic name) or by its
// name, case-insensitively as Azure compares resource IDs.

#include <utility>
#include <vector>

#include "arm/expr/context.hpp"
#include "arm/expr/values.hpp"

namespace cmk::arm::expr {

class InMemoryResolver final : public ResourceResolver {
 public:
  // `id` may be a String or a Symbolic resource ID; `resource` is the declaration as evaluated.
  void add(json::Value id, json::Value resource) {
    entries_.emplace_back(std::move(id), std::move(resource));
  }

  std::optional<json::Value> resource_by_id(const json::Value& id_or_name) override {
    for (const auto& [id, resource] : entries_) {
      if (matches(id, id_or_name)) return resource;
      const json::Value* name = resource.find("name");
      if (name && matches(*name, id_or_name)) return resource;
    }
    return std::nullopt;
  }

 private:
  static bool matches(const json::Value& a, const json::Value& b) {
    if (a.is_string() && b.is_string()) return json::iequals(a.as_string(), b.as_string());
    if (a.is_symbolic() && b.is_symbolic()) {
      return json::iequals(a.symbolic_info().name, b.symbolic_info().name);
    }
    return false;
  }

  std::vector<std::pair<json::Value, json::Value>> entries_;
};

}  // namespace cmk::arm::expr
