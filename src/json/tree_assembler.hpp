#pragma once
// Builds a located value tree from parse events, whichever reader reports them (the strict fast
// path or the relaxed reader), so both give the same tree and the same warnings: a container's
// elements gather on one stack and move once into a vector of their exact count, a duplicate key
// warns and the last one wins (as in Azure), and nesting deeper than kMaxDepth is refused.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "json/diagnostic.hpp"
#include "json/source_text.hpp"
#include "json/value.hpp"

namespace cmk::json {

class TreeAssembler {
 public:
  // Duplicate-key warnings are added to `diagnostics`, located in `source`.
  TreeAssembler(const SourceText& source, Diagnostics& diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  // A scalar, at the place the last key() named (or the next array element, or the root).
  void value(Value v);
  // The key of the next member of the innermost open object; `offset` is its opening quote.
  void key(std::string key, uint32_t offset);
  // Opens an array or object at `offset` (its bracket); false when that is nested too deeply.
  bool open(bool array, uint32_t offset);
  // Closes the innermost open container and places it.
  void close();

  std::optional<Value>& root() { return root_; }

 private:
  struct Frame {
    bool array = false;
    uint32_t offset = kNoOffset;  // of the opening bracket
    std::string key;
    uint32_t key_offset = kNoOffset;
    std::unique_ptr<std::unordered_set<std::string>> keys;  // lower-cased, for large objects
    size_t first = 0;  // where the container's elements start in items_ or members_
  };

  void warn_duplicate(const Member& first_member, const Frame& f);

  const SourceText& source_;
  Diagnostics& diagnostics_;
  std::vector<Frame> stack_;
  std::vector<Value> items_;     // elements of the open arrays, innermost last
  std::vector<Member> members_;  // members of the open objects, innermost last
  std::optional<Value> root_;
  size_t duplicates_ = 0;
};

// Numbers as the relaxed reader's events give them: an unsigned integer beyond int64 becomes a
// double; a double that is not finite (1e309, which RapidJSON reads as infinity) is refused
// (nullopt), as Azure refuses it.
Value unsigned_value(uint64_t u, uint32_t offset);
std::optional<Value> double_value(double d, uint32_t offset);

}  // namespace cmk::json
