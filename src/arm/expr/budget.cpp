#include "arm/expr/budget.hpp"

#include <vector>

namespace cmk::arm::expr {

namespace {

// An expression quoted in a message: long ones are cut, since the budget is usually spent by an
// expression that builds huge text.
std::string excerpt(std::string_view what) {
  constexpr size_t kMax = 120;
  if (what.size() <= kMax) return std::string(what);
  return std::string(what.substr(0, kMax)) + "...";
}

std::string mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

void Budget::spend(const std::string& reason, std::string_view what) {
  if (exhausted()) return;
  cause_ = "evaluation budget exceeded: " + reason + " (stopped at " + excerpt(what) + ")";
}

bool Budget::overspent(std::string_view what) {
  if (bytes_ > limits_.bytes) {
    spend("more than " + mib(limits_.bytes) + " of values built", what);
  } else if (operations_ > limits_.operations) {
    spend("more than " + std::to_string(limits_.operations) + " operations", what);
  }
  return false;
}

void Budget::refuse(uint64_t bytes, std::string_view what) {
  spend("a value of " + std::to_string(bytes) + " bytes would pass the limit of " +
            mib(limits_.bytes) + " of values built",
        what);
}

uint64_t footprint(const json::Value& v, uint64_t cap) {
  if (v.is_string()) return sizeof(json::Value) + v.as_string().size();
  if (!v.is_array() && !v.is_object()) return sizeof(json::Value);
  // Iterative: a value nested deeply must not recurse deeply here either.
  uint64_t total = 0;
  std::vector<const json::Value*> pending{&v};
  while (!pending.empty() && total <= cap) {
    const json::Value* x = pending.back();
    pending.pop_back();
    total += sizeof(json::Value);
    switch (x->kind()) {
      case json::Kind::String:
        total += x->as_string().size();
        break;
      case json::Kind::Array:
        for (const json::Value& item : x->items()) pending.push_back(&item);
        break;
      case json::Kind::Object:
        for (const json::Member& m : x->members()) {
          total += sizeof(json::Member) - sizeof(json::Value) + m.key.size();
          pending.push_back(&m.value);
        }
        break;
      default:
        break;
    }
  }
  return total;
}

}  // namespace cmk::arm::expr
