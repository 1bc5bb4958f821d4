#pragma once
// A loaded file's text with a line index, so byte offsets become line:column on demand.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cmk::json {

// 1-based line and column; the column counts Unicode code points from the line start.
struct Position {
  uint32_t line = 0;
  uint32_t column = 0;
};

class SourceText {
 public:
  SourceText() = default;
  SourceText(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  // Position of a byte offset; offsets past the end clamp to the end of the text.
  Position position(size_t offset) const;
  // The text of a 1-based line without its line terminator (empty for an unknown line).
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

}  // namespace cmk::json
