#pragma once
// Three-valued evaluation of rule conditions against one resource.

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "json/value.hpp"
#include "rules/property_path.hpp"
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

// The places property paths lead to while relations are matched: a relation's tests read the
// same paths of every candidate, and of the resource judged, for every resource judged. The
// resources must neither move nor change while the cache is used.
class PathCache {
 public:
  const std::vector<PathMatch>& resolve(const json::Value& root, const PropertyPath& path);

 private:
  struct Key {
    const json::Value* root;
    const PropertyPath* path;
    bool operator==(const Key&) const = default;
  };
  struct Hash {
    size_t operator()(const Key& k) const noexcept;
  };
  std::unordered_map<Key, std::vector<PathMatch>, Hash> resolved_;
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
  // Where relation matches look paths up (while `candidate` is set), or null.
  PathCache* paths = nullptr;
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
// The candidate is set in `subject` while the match is evaluated, and cleared after (so the
// subject's bindings are not copied for every candidate).
Verdict matches_relation(const Relation& relation, const json::Value& candidate,
                         const std::string& candidate_api, EvalContext& subject);
// The test a relation's match is when it is one equality of a literal string of the candidate
// with one literal string of the resource judged, compared as text: then a candidate whose string
// differs from the judged resource's certainly does not match, and matches_relation would give
// False (relation_candidates.hpp groups candidates by that string). Null for any other form.
const Test* literal_equality(const Relation& relation);
// The string that `at` (a path's matches) holds when it is exactly one present, known, not
// symbolic string: what literal_equality compares. Null otherwise.
const json::Value* literal_string(const std::vector<PathMatch>& at);

}  // namespace cmk::rules
