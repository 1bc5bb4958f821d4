#include "util/terminal_text.hpp"

#include <cstdio>

#include "util/utf8.hpp"

namespace cmk {

namespace {

// The escape for the character at text[i] (empty when it prints as itself) and its length.
std::string escape_at(std::string_view text, size_t i, size_t& bytes) {
  const auto c = static_cast<unsigned char>(text[i]);
  bytes = utf8_sequence_length(text, i);
  char buffer[8];
  if (bytes == 0 || c < 0x20 || c == 0x7F) {
    bytes = 1;
    std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
    return buffer;
  }
  // C1 controls are U+0080-U+009F: C2 80 to C2 9F in UTF-8.
  if (bytes == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
    return buffer;
  }
  return {};
}

}  // namespace

std::string terminal_safe(std::string_view text, bool keep_tab) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (keep_tab && text[i] == '\t') {
      out += '\t';
      ++i;
      continue;
    }
    size_t bytes = 0;
    const std::string escaped = escape_at(text, i, bytes);
    if (escaped.empty()) {
      out.append(text, i, bytes);
    } else {
      out += escaped;
    }
    i += bytes;
  }
  return out;
}

CharSpan terminal_char(std::string_view text, size_t i) {
  if (text[i] == '\t') return {1, 1};
  size_t bytes = 0;
  const std::string escaped = escape_at(text, i, bytes);
  return {escaped.empty() ? 1 : escaped.size(), bytes};
}

}  // namespace cmk
