#include "json/tree_assembler.hpp"

#include <cmath>
#include <iterator>
#include <span>

#include "json/reader.hpp"

namespace cmk::json {

namespace {

template <typename T>
std::vector<T> take_from(std::vector<T>& pending, size_t first) {
  std::vector<T> out(std::make_move_iterator(pending.begin() + static_cast<ptrdiff_t>(first)),
                     std::make_move_iterator(pending.end()));
  pending.resize(first);
  return out;
}

}  // namespace

void TreeAssembler::value(Value v) {
  if (stack_.empty()) {
    root_ = std::move(v);
    return;
  }
  Frame& f = stack_.back();
  if (f.array) {
    items_.push_back(std::move(v));
    return;
  }
  const auto members = std::span(members_).subspan(f.first);
  // Large objects keep a set of their keys so duplicate checks stay linear.
  if (!f.keys && members.size() >= 32) {
    f.keys = std::make_unique<std::unordered_set<std::string>>();
    for (const Member& m : members) f.keys->insert(to_lower(m.key));
  }
  const bool maybe_duplicate = f.keys ? f.keys->count(to_lower(f.key)) > 0 : true;
  if (maybe_duplicate) {
    for (Member& m : members) {
      if (!iequals(m.key, f.key)) continue;
      warn_duplicate(m, f);
      m.key_offset = f.key_offset;
      m.value = std::move(v);
      return;
    }
  }
  if (f.keys) f.keys->insert(to_lower(f.key));
#if defined(__cpp_aggregate_paren_init)
  // Built in place: moving in a temporary Member and destroying it costs a third of value().
  members_.emplace_back(std::move(f.key), f.key_offset, std::move(v));
#else
  members_.push_back(Member{std::move(f.key), f.key_offset, std::move(v)});  // clang before 16
#endif
}

void TreeAssembler::key(std::string key, uint32_t offset) {
  Frame& f = stack_.back();
  f.key = std::move(key);
  f.key_offset = offset;
}

bool TreeAssembler::open(bool array, uint32_t offset) {
  if (static_cast<int>(stack_.size()) >= kMaxDepth) return false;
  const size_t first = array ? items_.size() : members_.size();
  stack_.push_back(Frame{array, offset, {}, kNoOffset, nullptr, first});
  return true;
}

void TreeAssembler::close() {
  Frame& f = stack_.back();
  Value v = f.array ? Value::array(take_from(items_, f.first), f.offset)
                    : Value::object(take_from(members_, f.first), f.offset);
  stack_.pop_back();
  value(std::move(v));
}

void TreeAssembler::warn_duplicate(const Member& first_member, const Frame& f) {
  // A few warnings say enough; thousands would only cost time and memory.
  constexpr size_t kMaxWarnings = 20;
  if (++duplicates_ > kMaxWarnings) return;
  if (duplicates_ == kMaxWarnings) {
    diagnostics_.push_back(diagnostic_at(source_, f.key_offset, DiagnosticLevel::Warning,
                                         "more duplicate keys; the rest are not listed"));
    return;
  }
  const Position first = source_.position(first_member.key_offset);
  diagnostics_.push_back(
      diagnostic_at(source_, f.key_offset, DiagnosticLevel::Warning,
                    "duplicate key \"" + f.key + "\" (first at line " + std::to_string(first.line) +
                        ":" + std::to_string(first.column) + "); the last one wins, as in Azure"));
}

Value unsigned_value(uint64_t u, uint32_t offset) {
  if (u > static_cast<uint64_t>(INT64_MAX)) return Value::number(static_cast<double>(u), offset);
  return Value::integer(static_cast<int64_t>(u), offset);
}

std::optional<Value> double_value(double d, uint32_t offset) {
  if (!std::isfinite(d)) return std::nullopt;
  return Value::number(d, offset);
}

}  // namespace cmk::json
