#pragma once
// The resources a relation written in YAML may bind, found once per model rather than once per
// resource judged. When the relation's match compares one literal string of the candidate with
// one of the resource judged (literal_equality), the candidates are also grouped by that string,
// so that each resource judged visits only those that may match: otherwise every account of a
// live export would be compared with every one of its key vaults.

#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "arm/resource.hpp"
#include "rules/condition_eval.hpp"
#include "rules/link_targets.hpp"
#include "rules/rule.hpp"

namespace cmk::rules {

class RelationCandidates {
 public:
  // The relation's candidates: the resources `types` indexes under the relation's types, in the
  // model's order (they point into its resources). Their paths are read through `paths`.
  RelationCandidates(const Relation& relation, const TypeIndex& types, PathCache& paths);

  // The candidates `subject` may be related to, in the model's order: every candidate, except
  // that when the relation is a literal equality and the subject's side of it is a literal
  // string, those whose own side is another literal string are left out (matches_relation would
  // give them False). `storage` holds what the span shows when it is not every candidate.
  // `subject.paths` must be set, and be the cache the candidates were read through.
  std::span<const arm::Resource* const> for_subject(
      const EvalContext& subject, std::vector<const arm::Resource*>& storage) const;

 private:
  // What text_equals compares literal strings by.
  std::string key(const std::string& text) const;

  const Test* equality_ = nullptr;
  std::vector<const arm::Resource*> all_;
  // With equality_: positions in all_ by the candidate's string, and of those without one.
  std::unordered_map<std::string, std::vector<size_t>> by_key_;
  std::vector<size_t> unkeyed_;
};

}  // namespace cmk::rules
