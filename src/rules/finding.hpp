#pragma once
// The result of one rule on one resource.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace cmk::rules {

enum class Outcome { Pass, Fail, Unknown };

const char* outcome_name(Outcome o);

// Why a finding does not count: the suppression that accepted it.
struct AppliedSuppression {
  bool in_source = false;  // a comment in the template, else the config file
  std::string justification;
  std::string defined_in;  // file:line
  std::string expires;     // YYYY-MM-DD, empty for none
};

// Another place a finding involves, e.g. the key vault an account uses.
struct RelatedLocation {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;
};

struct Finding {
  const Rule* rule = nullptr;  // owned by the rule set, which outlives its findings
  Outcome result = Outcome::Fail;
  std::string message;
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string resource_type;
  std::string resource_name;                  // as written: literal or expression
  std::optional<std::string> evaluated_name;  // where known
  uint32_t resource_line = 0;                 // the resource's opening brace, in `file`
  std::string path;                           // the property that decided the result
  std::string unknown_reason;                 // for Unknown: why it cannot be known
  std::string unknown_expression;             // and the expression that blocked it
  std::vector<std::string> deployment_path;   // enclosing nested deployments
  std::string condition;  // the resource's condition when not known: holds only if deployed
  std::vector<RelatedLocation> related;           // cross-resource rules: the other resources
  std::optional<AppliedSuppression> suppression;  // accepted, with a justification
  bool in_baseline = false;                       // known before: reported, does not fail
};

}  // namespace cmk::rules
