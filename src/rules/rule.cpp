#include "rules/rule.hpp"

namespace cmk::rules {

const char* operator_name(Operator op) {
  switch (op) {
    case Operator::Equals:
      return "equals";
    case Operator::NotEquals:
      return "notEquals";
    case Operator::In:
      return "in";
    case Operator::NotIn:
      return "notIn";
    case Operator::Exists:
      return "exists";
    case Operator::Greater:
      return "greater";
    case Operator::GreaterOrEquals:
      return "greaterOrEquals";
    case Operator::Less:
      return "less";
    case Operator::LessOrEquals:
      return "lessOrEquals";
    case Operator::StartsWith:
      return "startsWith";
    case Operator::EndsWith:
      return "endsWith";
    case Operator::Contains:
      return "contains";
    case Operator::Matches:
      return "matches";
  }
  return "?";
}

bool Rule::applies_to_type(std::string_view type) const {
  for (const std::string& t : resource_types) {
    if (json::iequals(t, type)) return true;
  }
  return false;
}

}  // namespace cmk::rules
