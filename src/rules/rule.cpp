#include "rules/rule.hpp"

namespace cmk::rules {

bool Rule::applies_to_type(std::string_view type) const {
  for (const std::string& t : resource_types) {
    if (json::iequals(t, type)) return true;
  }
  return false;
}

}  // namespace cmk::rules
