#pragma once
// Three-valued evaluation of rule conditions against one resource.

#include <string>

#include "json/value.hpp"
#include "rules/rule.hpp"

namespace cmk::rules {

enum class Truth { False, True, Unknown };

// Which property decided a condition, for the finding's location and message.
struct Verdict {
  Truth truth = Truth::True;
  uint32_t offset = json::kNoOffset;
  std::string path;
  std::optional<json::Value> actual;  // absent when the property is absent
  bool defaulted = false;             // `actual` is Azure's default, not written
  std::string unknown_reason;
  std::string unknown_expression;
};

// `api_version` selects apiVersion-dependent defaults.
Verdict evaluate(const Condition& condition, const json::Value& resource,
                 const std::string& api_version);

}  // namespace cmk::rules
