#pragma once
// Reads JSON as Azure's deployment engine accepts it: // and /* */ comments, trailing commas, a
// UTF-8 BOM, CRLF, and raw line breaks inside strings. Every value keeps its byte offset.

#include <optional>

#include "json/diagnostic.hpp"
#include "json/source_text.hpp"
#include "json/value.hpp"

namespace cmk::json {

struct ParseResult {
  std::optional<Value> root;  // empty when the text is not JSON (an error is in diagnostics)
  Diagnostics diagnostics;    // the error, or warnings such as duplicate keys
};

// Deeper nesting is rejected rather than risking the stack in later tree walks.
inline constexpr int kMaxDepth = 256;

ParseResult parse(const SourceText& source);
// Parses the text from byte `from` on (what comes before is only there for line_text(), as in
// a json::ResourcePiece); offsets still count from the text's start.
ParseResult parse(const SourceText& source, size_t from);

// The relaxed reader alone (RapidJSON, accepting what Azure accepts), which parse() uses for
// what its strict fast path does not take: the same tree, offsets and messages.
ParseResult parse_relaxed(const SourceText& source, size_t from = 0);

// Makes a diagnostic at a byte offset of the source, with the line text for a caret.
Diagnostic diagnostic_at(const SourceText& source, size_t offset, DiagnosticLevel level,
                         std::string message);

}  // namespace cmk::json
