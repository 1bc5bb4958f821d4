#pragma once
// "Did you mean" suggestions for mistyped names (rule keys, ids, flags, functions).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cmk {

// Case-insensitive edit distance.
size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance proportional to the word's length, if any.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates);
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

}  // namespace cmk
