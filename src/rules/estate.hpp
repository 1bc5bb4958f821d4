#pragma once
// An estate: the resources of every file scanned together that a CMK link may resolve to from
// another file (key vaults, keys, identities, access policies, role assignments and definitions,
// AI services accounts). Files share one deployment context, so the same resourceId() in two
// files names the same resource. Only these resources are kept, not whole files, so memory grows
// with the estate's key-management resources rather than with every template.

#include <deque>
#include <string_view>
#include <vector>

#include "arm/template_model.hpp"
#include "rules/link_targets.hpp"
#include "rules/rule.hpp"

namespace cmk::rules {

class Estate {
 public:
  // Copies the link-relevant resources of a file's model. Their `raw` and `scope` are cleared:
  // the file's tree may be gone by the time links read them.
  void add(const arm::Model& model);
  // Indexes the link-relevant resources of a model that outlives the estate (a file judged once
  // the estate is complete) where they are, without copying them: links read a resource the same
  // either way (the copy's cleared fields are read only on the account judged, which is never
  // the estate's), so only the time and memory of the copies go.
  void add_kept(const arm::Model& model);
  // The resources kept, by type.
  const TypeIndex& by_type() const { return by_type_; }

 private:
  std::deque<arm::Resource> resources_;  // a deque keeps them where they are as more are added
  TypeIndex by_type_;
};

// Whether links read resources of this type.
bool is_link_target(std::string_view type);

// Whether a file's model has a resource whose links may reach into other files (one that names
// a key vault, judged by a rule that reads CMK links): such files are judged once the whole
// estate is known.
bool needs_estate(const arm::Model& model, const std::vector<Rule>& rules);

}  // namespace cmk::rules
