#pragma once
// The work one template's expressions may do. A template is untrusted input: a few kilobytes of
// variables that each double the previous one ask for terabytes. Every evaluated node costs an
// operation and the values it builds cost their approximate size in bytes; past either limit the
// evaluation stops with an error instead of running out of memory. Nesting depth is bounded so
// that deep variable chains cannot overflow the stack.

#include <cstdint>
#include <string>
#include <string_view>

#include "json/value.hpp"

namespace cmk::arm::expr {

struct BudgetLimits {
  // Bytes of values built by all expressions of one template (including nested ones), counted
  // cumulatively: a copy made by variables('x') costs as much as building it anew.
  uint64_t bytes = uint64_t{128} << 20;
  // Expression nodes evaluated in one template.
  uint64_t operations = 5'000'000;
  // Expression nodes on the evaluation stack at once (across variables, parameters, user
  // functions and lambdas); each level costs a few kilobytes of stack at most.
  int depth = 1000;
};

class Budget {
 public:
  explicit Budget(BudgetLimits limits = {}) : limits_(limits) {}

  const BudgetLimits& limits() const { return limits_; }

  // Counts one operation and `bytes` built. False once a limit is passed; the first call that
  // passes one records `what` (the expression) as the cause.
  bool charge(uint64_t bytes, std::string_view what) {
    if (exhausted()) return false;
    ++operations_;
    bytes_ += bytes;
    if (bytes_ <= limits_.bytes && operations_ <= limits_.operations) return true;
    return overspent(what);
  }
  // Whether `bytes` more can still be built: functions that build a result much larger than
  // their arguments (join, format, replace, split, json) ask before building it.
  bool affords(uint64_t bytes) const { return !exhausted() && bytes <= limits_.bytes - bytes_; }
  bool exhausted() const { return !cause_.empty(); }
  // Why evaluation stopped, naming the expression ("" while within budget).
  const std::string& cause() const { return cause_; }
  // Marks the budget spent because a function declined to build a value of `bytes`.
  void refuse(uint64_t bytes, std::string_view what);

  uint64_t bytes_used() const { return bytes_; }
  uint64_t operations_used() const { return operations_; }

  // Nesting: enter() is false when one more level would pass the depth limit.
  bool enter() { return depth_ < limits_.depth ? (++depth_, true) : false; }
  void leave() { --depth_; }

 private:
  void spend(const std::string& reason, std::string_view what);
  // charge() past a limit: records which one and why; false.
  bool overspent(std::string_view what);

  BudgetLimits limits_;
  uint64_t bytes_ = 0;
  uint64_t operations_ = 0;
  int depth_ = 0;
  std::string cause_;
};

// Approximate memory a value occupies (node overhead plus text), counted up to `cap` and no
// further, so measuring costs no more than the budget it is measured against.
uint64_t footprint(const json::Value& v, uint64_t cap);

}  // namespace cmk::arm::expr
