#pragma once
// "Did you mean" suggestions by edit distance, as ninja's SpellcheckString does.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cmk::arm::expr {

// Case-insensitive Levenshtein distance.
size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance that scales with the word's length, or nullopt.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates);

}  // namespace cmk::arm::expr
