#pragma once
// "Did you mean" suggestions for mistyped names: commands, flags, report formats, rule and config
// keys, rule ids, template functions, parameters and variables.

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

// The one wording of a suggestion, appended to the message that names the unknown word:
// " (did you mean 'X'?)" for the closest candidate, "" when none is close enough.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace cmk
