#pragma once
// UTF-8 checking and repair, shared by the reports and the terminal output. Reports must be valid
// UTF-8 (SARIF, JSON and XML consumers reject anything else), but names and messages come from
// input files that may not be. Validity is RFC 3629's: no overlong forms, no surrogates, nothing
// above U+10FFFF.

#include <cstddef>
#include <string>
#include <string_view>

namespace cmk {

// Length (1 to 4) of the valid UTF-8 sequence starting at text[i], or 0 when none starts there.
size_t utf8_sequence_length(std::string_view text, size_t i);

// `text` with each byte that starts no valid sequence replaced by U+FFFD: one replacement per
// bad byte, so a UTF-8-encoded surrogate (three bytes) becomes three.
std::string valid_utf8(std::string_view text);

}  // namespace cmk
