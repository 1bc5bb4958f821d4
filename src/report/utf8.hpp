#pragma once
// Reports must be valid UTF-8 (SARIF and JSON consumers reject anything else), but names and
// messages come from input files that may not be.

#include <string>
#include <string_view>

namespace cmk::report {

// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

}  // namespace cmk::report
