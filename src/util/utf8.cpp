#include "util/utf8.hpp"

#include <utf8.h>

#include <algorithm>

namespace cmk {

// utfcpp answers "where is the first invalid byte"; a sequence of n bytes is valid exactly when
// the first n bytes hold no invalid one (a shorter prefix is an incomplete sequence).
size_t utf8_sequence_length(std::string_view text, size_t i) {
  const auto start = text.begin() + static_cast<std::ptrdiff_t>(i);
  const size_t most = std::min<size_t>(4, text.size() - i);
  for (size_t n = 1; n <= most; ++n) {
    const auto end = start + static_cast<std::ptrdiff_t>(n);
    if (utf8::find_invalid(start, end) == end) return n;
  }
  return 0;
}

// Not utf8::replace_invalid: it writes one U+FFFD for a bad lead byte together with all the
// continuation bytes after it (a surrogate's three bytes become one), where the reports have
// always written one per bad byte.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto rest = text.begin();
  while (rest != text.end()) {
    const auto bad = utf8::find_invalid(rest, text.end());
    out.append(rest, bad);
    if (bad == text.end()) break;
    out += "\xEF\xBF\xBD";
    rest = bad + 1;
  }
  return out;
}

}  // namespace cmk
