#include "json/diagnostic.hpp"

#include <algorithm>

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
  std::string out = d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line) + ':' + std::to_string(d.column);
  }
  out += std::string(": ") + level_name(d.level) + ": " + d.message;
  if (!d.source_line.empty() && d.column > 0) {
    out += "\n  " + d.source_line + "\n  ";
    // Keep tabs so the caret lines up under the same column on a terminal.
    uint32_t col = 1;
    for (size_t i = 0; i < d.source_line.size() && col < d.column; ++i) {
      const unsigned char c = static_cast<unsigned char>(d.source_line[i]);
      if ((c & 0xC0) == 0x80) continue;
      out += c == '\t' ? '\t' : ' ';
      ++col;
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
