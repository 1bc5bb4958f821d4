#pragma once
// A loaded file's text with a line index, so byte offsets become line:column on demand. The
// index is built on first use: most files of a scan are never asked for a place (they have no
// finding and no diagnostic), and finding every line costs a pass over the text.

#include <cstdint>
#include <memory>
#include <mutex>
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

  // The lines holding bytes [begin, end) of this text, as a text of their own that still answers
  // position() and line_text() for the original offsets and lines: what a part of a file needs to
  // name its places once the rest of the file is gone. Where a line runs on for more than 4 KiB
  // before `begin` or after `end` (a one-line export), the excerpt starts or ends at the part
  // instead, so it never holds the whole file; positions inside the part are the same.
  SourceText excerpt(size_t begin, size_t end) const;

  // A part of a larger file that was never held whole (a resource of a streamed export): offsets
  // count from the part's start, lines and columns are the file's. `line` is the file's line of
  // text[0], `column_before` the code points of that line before it (0 at the line's start).
  // line_text() of the first line shows it from where the part starts.
  static SourceText part(std::string path, std::string text, uint32_t line, uint32_t column_before);
  // Made by part(): no more than a part of its file already, so there is nothing to excerpt.
  bool is_part() const { return part_; }

  // Position of a byte offset; offsets past the end clamp to the end of the text.
  Position position(size_t offset) const;
  // The text of a 1-based line without its line terminator (empty for an unknown line).
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const {
    return base_line_ + static_cast<uint32_t>(index().line_starts.size());
  }

 private:
  // Every kMarkStride bytes into a line: the code points of the line before that byte, so a
  // column on a long line (a one-line export) is counted from a mark, not from the line start.
  static constexpr size_t kMarkStride = 4096;
  struct ColumnMark {
    size_t offset;  // relative to text_
    uint32_t code_points;
  };
  struct LineIndex {
    std::vector<uint32_t> line_starts;  // relative to text_
    std::vector<ColumnMark> column_marks;
  };
  // The index, built by the first caller (whichever thread asks first).
  const LineIndex& index() const {
    std::call_once(*indexed_, [this] { build_index(); });
    return index_;
  }
  void build_index() const;
  // Adds the marks of the line that holds bytes [start, stop) of text_.
  void add_column_marks(size_t start, size_t stop) const;

  std::string path_;
  std::string text_;
  size_t base_offset_ = 0;    // of text_ in the original file (excerpts)
  uint32_t base_line_ = 0;    // lines of the original before text_
  uint32_t base_column_ = 0;  // code points of text_'s first line before text_
  bool part_ = false;
  mutable std::unique_ptr<std::once_flag> indexed_ = std::make_unique<std::once_flag>();
  mutable LineIndex index_;
};

}  // namespace cmk::json
