#pragma once
// UTF-8 decoding shared by the reports and the terminal output.

#include <cstddef>
#include <string_view>

namespace cmk {

// Length of the valid UTF-8 sequence starting at text[i] (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), or 0 when it is not valid.
size_t utf8_sequence_length(std::string_view text, size_t i);

}  // namespace cmk
