#pragma once
// A rule as loaded from YAML: metadata, applicability (`when`) and assertion (`assert`).

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "json/value.hpp"
#include "rules/property_path.hpp"
#include "rules/severity.hpp"

namespace re2 {
class RE2;
}

namespace cmk::rules {

enum class Operator {
  Equals,
  NotEquals,
  In,
  NotIn,
  Exists,
  Greater,
  GreaterOrEquals,
  Less,
  LessOrEquals,
  StartsWith,
  EndsWith,
  Contains,
  Matches,
};

// How a test rewrites text on both sides before comparing.
enum class Normalize {
  None,
  Location,  // Azure region names: lower case, no whitespace ("West Europe" is westeurope)
};

struct VersionedDefault {
  std::optional<std::string> from;  // apiVersion from which this default holds
  json::Value value;
};

struct Test {
  PropertyPath path;
  std::string of;  // the relation whose resource `path` is read from; empty: the resource judged
  Operator op = Operator::Equals;
  json::Value operand;                       // literal operand
  std::optional<PropertyPath> operand_path;  // or a property of the resource judged...
  std::string operand_of;                    // ...or of a related resource
  std::string operand_context;  // or a deployment-context value: tenantId, subscriptionId, ...
  std::shared_ptr<const re2::RE2> operand_capture;  // first capture group of the operand's text
  std::shared_ptr<const re2::RE2> capture;  // compare the first capture group of the value's text
  std::shared_ptr<const re2::RE2> regex;    // compiled `matches` pattern
  bool ignore_case = false;
  Normalize normalize = Normalize::None;  // implies ignore_case
  bool match_any = false;                 // `match: any`
  std::optional<json::Value> default_value;
  std::vector<VersionedDefault> default_by_api_version;
  uint32_t line = 0;  // in the rule file, for load errors found after parsing
  uint32_t column = 0;
};

struct Condition;
struct AllOf {
  std::vector<Condition> parts;
};
struct AnyOf {
  std::vector<Condition> parts;
};
struct Not {
  std::unique_ptr<Condition> inner;
};

// Holds when some element of the array at `path` (of the resource judged, or of relation `of`)
// satisfies `where`, whose test paths read the element (operands read as usual).
struct AnyItem {
  PropertyPath path;
  std::string of;
  std::unique_ptr<Condition> where;
  uint32_t line = 0;  // in the rule file
  uint32_t column = 0;
};

struct Condition {
  std::variant<Test, AllOf, AnyOf, Not, AnyItem> node;
};

struct Condition;

// Another resource of the same template a rule reads: the first resource of one of `types` for
// which `match` holds (its tests read the candidate; operand paths without `of` read the
// resource judged).
struct Relation {
  enum class Missing { Unknown, Pass, Fail, Skip };
  std::string name;
  std::vector<std::string> types;
  std::shared_ptr<const Condition> match;
  Missing missing = Missing::Unknown;  // what tests on it give when no resource matches
  // What happens when whether a resource matches cannot be decided: Unknown, or Skip the rule.
  Missing undecided = Missing::Unknown;
  std::string description;  // for messages: "the key vault holding the key"
  // A CMK link resolved in C++ (vault, key, identity, keyAccess, creation) instead of `match`.
  std::string link;
};

struct SourceRef {
  std::string file;
  uint32_t line = 0;
};

struct Rule {
  std::string id;
  std::string title;
  Severity severity = Severity::Medium;
  std::vector<std::string> resource_types;
  std::string description;
  std::string message;
  std::string remediation;
  std::vector<std::string> references;
  std::vector<std::pair<std::string, std::vector<std::string>>> compliance;
  std::vector<Relation> relations;
  std::shared_ptr<const Condition> when;  // null: always applies
  std::shared_ptr<const Condition> assertion;
  SourceRef source;
  // The YAML text the rule was loaded from (one rule a file): audit reports hash it, so a reader
  // can tell which version of a rule judged the inputs.
  std::string definition;

  bool applies_to_type(std::string_view type) const;
};

}  // namespace cmk::rules
