#pragma once
// Three-valued evaluation of rule conditions against one resource.

#include <map>
#include <optional>
#include <string>

#include "json/value.hpp"
#include "rules/rule.hpp"

namespace cmk::rules {

enum class Truth { False, True, Unknown };

// A related resource found (or not) for the resource judged.
struct RelatedBinding {
  const json::Value* body = nullptr;  // null when no resource matched
  std::string api_version;
  Truth found = Truth::False;  // True: bound; False: none matched; Unknown: could not tell
  std::string reason;          // why not bound
  Relation::Missing missing = Relation::Missing::Unknown;
  // When not bound: the subject's property that decided it (for the verdict's place).
  std::string decided_path;
  uint32_t decided_offset = json::kNoOffset;
  std::optional<json::Value> decided_value;
};

// What a condition reads: the resource judged, and the related resources bound for it.
struct EvalContext {
  const json::Value& subject;
  std::string api_version;
  std::map<std::string, RelatedBinding> related;  // by relation name
  // While matching a relation: the candidate its tests read (operands still read the subject).
  const json::Value* candidate = nullptr;
  std::string candidate_api_version;
  // Deployment-context values for {context: NAME} operands (an object), or null.
  const json::Value* deployment = nullptr;
};

// Which property decided a condition, for the finding's location and message.
struct Verdict {
  Truth truth = Truth::True;
  uint32_t offset = json::kNoOffset;
  std::string path;
  std::optional<json::Value> actual;  // absent when the property is absent
  bool defaulted = false;             // `actual` is Azure's default, not written
  std::string unknown_reason;
  std::string unknown_expression;
  std::string relation;  // where the deciding property is: a relation's name, or "" (the subject)
};

// `api_version` selects apiVersion-dependent defaults.
Verdict evaluate(const Condition& condition, const EvalContext& context);
// A condition that reads only the resource judged.
Verdict evaluate(const Condition& condition, const json::Value& resource,
                 const std::string& api_version);

// Whether `candidate` is the resource a relation means for `subject`: every match test holds.
Verdict matches_relation(const Relation& relation, const json::Value& candidate,
                         const std::string& candidate_api, const EvalContext& subject);

}  // namespace cmk::rules
