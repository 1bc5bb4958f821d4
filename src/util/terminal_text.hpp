#pragma once
// Text from input files (names, messages, paths) printed on a terminal: control characters in it
// could move the cursor, clear the screen, set the window title or start a new line that looks
// like a report line of its own.

#include <string>
#include <string_view>

namespace cmk {

// `text` with every C0 control (U+0000-U+001F, tab included unless `keep_tab`), DEL and byte
// that is not valid UTF-8 written as \xNN, and every C1 control (U+0080-U+009F) as \uNNNN.
// Other characters, backslashes included, are unchanged.
std::string terminal_safe(std::string_view text, bool keep_tab = false);

// How many columns terminal_safe's output for the character starting at text[i] takes (4 or 6
// for an escape, else 1; a tab counts 1), and how many bytes of `text` that character is.
struct CharSpan {
  size_t columns;
  size_t bytes;
};
CharSpan terminal_char(std::string_view text, size_t i);

}  // namespace cmk
