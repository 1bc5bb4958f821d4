#include "rules/relation_candidates.hpp"

#include <algorithm>
#include <functional>
#include <iterator>

namespace cmk::rules {

RelationCandidates::RelationCandidates(const Relation& relation, const TypeIndex& types,
                                       PathCache& paths)
    : equality_(literal_equality(relation)) {
  for (const std::string& t : relation.types) {
    const std::span<const arm::Resource* const> group = types.of(t);
    all_.insert(all_.end(), group.begin(), group.end());
  }
  std::sort(all_.begin(), all_.end(), std::less<>());
  all_.erase(std::unique(all_.begin(), all_.end()), all_.end());
  if (!equality_) return;
  for (size_t i = 0; i < all_.size(); ++i) {
    const json::Value* value = literal_string(paths.resolve(all_[i]->body, equality_->path));
    if (value) {
      by_key_[key(value->as_string())].push_back(i);
    } else {
      unkeyed_.push_back(i);
    }
  }
}

std::string RelationCandidates::key(const std::string& text) const {
  return equality_->ignore_case ? json::to_lower(text) : text;
}

std::span<const arm::Resource* const> RelationCandidates::for_subject(
    const EvalContext& subject, std::vector<const arm::Resource*>& storage) const {
  if (!equality_) return all_;
  const json::Value* operand =
      literal_string(subject.paths->resolve(subject.subject, *equality_->operand_path));
  if (!operand) return all_;
  const auto it = by_key_.find(key(operand->as_string()));
  const std::span<const size_t> keyed =
      it == by_key_.end() ? std::span<const size_t>() : std::span<const size_t>(it->second);
  std::vector<size_t> at;
  at.reserve(keyed.size() + unkeyed_.size());
  std::merge(keyed.begin(), keyed.end(), unkeyed_.begin(), unkeyed_.end(), std::back_inserter(at));
  storage.clear();
  for (size_t i : at) storage.push_back(all_[i]);
  return storage;
}

}  // namespace cmk::rules
