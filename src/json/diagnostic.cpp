#include "json/diagnostic.hpp"

#include <algorithm>

#include "util/terminal_text.hpp"

namespace cmk {

namespace {
const char* level_name(DiagnosticLevel level) {
  switch (level) {
    case DiagnosticLevel::Error:
      return "error";
    case DiagnosticLevel::Warning:
      return "warning";
    case DiagnosticLevel::Note:
      return "note";
  }
  return "error";
}
}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  // Printed on a terminal: file names, messages (which quote the input) and the source line are
  // input text, so their control characters are escaped.
  std::string out = terminal_safe(d.file);
  if (d.line > 0) {
    out += ':' + std::to_string(d.line) + ':' + std::to_string(d.column);
  }
  out += std::string(": ") + level_name(d.level) + ": " + terminal_safe(d.message);
  if (!d.source_line.empty() && d.column > 0) {
    out += "\n  " + terminal_safe(d.source_line, /*keep_tab=*/true) + "\n  ";
    // Keep tabs, and pad under an escape as wide as it prints, so the caret lines up under the
    // same column on a terminal. Columns count characters, so a stray continuation byte does not.
    uint32_t col = 1;
    for (size_t i = 0; i < d.source_line.size() && col < d.column;) {
      const unsigned char c = static_cast<unsigned char>(d.source_line[i]);
      const CharSpan span = terminal_char(d.source_line, i);
      out += c == '\t' ? std::string(1, '\t') : std::string(span.columns, ' ');
      if ((c & 0xC0) != 0x80) ++col;
      i += span.bytes;
    }
    out += '^';
  }
  return out;
}

bool has_errors(const Diagnostics& ds) {
  return std::any_of(ds.begin(), ds.end(),
                     [](const Diagnostic& d) { return d.level == DiagnosticLevel::Error; });
}

}  // namespace cmk
