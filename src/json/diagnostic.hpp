#pragma once
// A problem found while loading input: file, place, and what is wrong. Library code returns these;
// only the CLI prints them.

#include <cstdint>
#include <string>
#include <vector>

namespace cmk {

enum class DiagnosticLevel { Error, Warning, Note };

struct Diagnostic {
  DiagnosticLevel level = DiagnosticLevel::Error;
  std::string file;
  uint32_t line = 0;    // 0 when the problem has no place in the file
  uint32_t column = 0;  // 1-based, in code points
  std::string message;
  std::string source_line;  // the offending line, for a caret display; may be empty
};

using Diagnostics = std::vector<Diagnostic>;

// "file:line:col: error: message" then the source line and a caret, as compilers print them.
std::string format_diagnostic(const Diagnostic& d);

bool has_errors(const Diagnostics& ds);

}  // namespace cmk
