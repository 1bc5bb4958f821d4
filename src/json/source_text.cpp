#include "json/source_text.hpp"

#include <algorithm>
#include <cstring>

namespace cmk::json {

namespace {

// Continuation bytes (10xxxxxx) do not start a code point.
bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

SourceText::SourceText(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {}

void SourceText::build_index() const {
  std::vector<uint32_t>& starts = index_.line_starts;
  starts.push_back(0);
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  // Column marks inside long lines, so position() counts at most kMarkStride bytes; they are
  // made as each line is found, and lines within the stride need none.
  size_t start = 0;
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
    const auto next = static_cast<size_t>(p - begin);
    starts.push_back(static_cast<uint32_t>(next));
    if (next - start > kMarkStride) add_column_marks(start, next);
    start = next;
  }
  if (text_.size() - start > kMarkStride) add_column_marks(start, text_.size());
}

void SourceText::add_column_marks(size_t start, size_t stop) const {
  uint32_t code_points = 0;
  for (size_t mark = start + kMarkStride; mark < stop; mark += kMarkStride) {
    // Whole strides counted in one simple loop, which the compiler vectorises.
    const unsigned char* bytes = reinterpret_cast<const unsigned char*>(text_.data());
    uint32_t stride_points = 0;
    for (size_t i = mark - kMarkStride; i < mark; ++i) stride_points += (bytes[i] & 0xC0) != 0x80;
    code_points += stride_points;
    index_.column_marks.push_back({mark, code_points});
  }
}

SourceText SourceText::excerpt(size_t begin, size_t end) const {
  // Whole lines, unless a line runs on for more than this beyond the part (one-line exports):
  // then the part alone, its first line's column kept, so kept parts never hold a whole file.
  constexpr size_t kLongLine = 4096;
  begin = std::min(begin, text_.size());
  end = std::clamp(end, begin, text_.size());
  const std::vector<uint32_t>& starts = index().line_starts;
  const auto first = std::upper_bound(starts.begin(), starts.end(), begin) - 1;
  size_t from = *first;
  uint32_t column_before = first == starts.begin() ? base_column_ : 0;
  if (begin - from > kLongLine) {
    column_before = position(base_offset_ + begin).column - 1;
    from = begin;
  }
  size_t to = text_.find('\n', end);
  to = to == std::string::npos ? text_.size() : to + 1;
  if (to - end > kLongLine) to = end;
  SourceText out(path_, text_.substr(from, to - from));
  out.base_offset_ = base_offset_ + from;
  out.base_line_ = base_line_ + static_cast<uint32_t>(first - starts.begin());
  out.base_column_ = column_before;
  return out;
}

SourceText SourceText::part(std::string path, std::string text, uint32_t line,
                            uint32_t column_before) {
  SourceText out(std::move(path), std::move(text));
  out.base_line_ = line == 0 ? 0 : line - 1;
  out.base_column_ = column_before;
  out.part_ = true;
  return out;
}

Position SourceText::position(size_t offset) const {
  offset = offset < base_offset_ ? 0 : offset - base_offset_;
  offset = std::min(offset, text_.size());
  const std::vector<uint32_t>& starts = index().line_starts;
  const std::vector<ColumnMark>& marks = index().column_marks;
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  const size_t line_index = static_cast<size_t>(it - starts.begin()) - 1;
  uint32_t column = line_index == 0 ? base_column_ + 1 : 1;
  size_t from = starts[line_index];
  if (offset - from > kMarkStride) {
    // The last mark at or before the offset is on this line: marks start kMarkStride in.
    const auto mark = std::upper_bound(marks.begin(), marks.end(), offset,
                                       [](size_t o, const ColumnMark& m) { return o < m.offset; }) -
                      1;
    column += mark->code_points;
    from = mark->offset;
  }
  for (size_t i = from; i < offset; ++i) {
    if (starts_code_point(text_[i])) ++column;
  }
  return {base_line_ + static_cast<uint32_t>(line_index + 1), column};
}

std::string_view SourceText::line_text(uint32_t line) const {
  if (line <= base_line_) return {};
  line -= base_line_;
  const std::vector<uint32_t>& starts = index().line_starts;
  if (line == 0 || line > starts.size()) return {};
  const size_t start = starts[line - 1];
  size_t end = line < starts.size() ? starts[line] : text_.size();
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(start, end - start);
}

}  // namespace cmk::json
