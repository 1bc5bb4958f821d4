#pragma once
// Helpers shared by the libFuzzer targets: oracles that turn a silent wrong answer into a crash,
// so libFuzzer records it. Only the fuzzers include this.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace cmk::fuzz {

// Aborts with a message; libFuzzer saves the input as crash-*.
[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "FUZZ ORACLE FAILED: %s %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

#define CMK_FUZZ_CHECK(cond, detail)               \
  do {                                             \
    if (!(cond)) ::cmk::fuzz::fail(#cond, detail); \
  } while (0)

// Output checks (reports are valid JSON / XML) are on unless CMKGUARD_FUZZ_OUTPUT=0; with
// CMKGUARD_FUZZ_OUTPUT=syntax they skip the UTF-8 checks. They find text that is wrong rather
// than memory errors, so a known issue can be switched off to let a run look for crashes.
enum class OutputChecks { Off, Syntax, Full };
inline OutputChecks output_checks() {
  static const OutputChecks mode = [] {
    const std::string v =
        std::getenv("CMKGUARD_FUZZ_OUTPUT") ? std::getenv("CMKGUARD_FUZZ_OUTPUT") : "";
    return v == "0" ? OutputChecks::Off : v == "syntax" ? OutputChecks::Syntax : OutputChecks::Full;
  }();
  return mode;
}

// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
inline bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

// XML 1.0 Char production, on valid UTF-8: no C0 controls but tab, LF, CR.
inline bool valid_xml_chars(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

}  // namespace cmk::fuzz
