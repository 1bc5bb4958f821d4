#include "json/source_text.hpp"

#include <algorithm>
#include <cstring>

namespace cmk::json {

SourceText::SourceText(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<uint32_t>(p - begin));
  }
}

SourceText SourceText::excerpt(size_t begin, size_t end) const {
  begin = std::min(begin, text_.size());
  end = std::clamp(end, begin, text_.size());
  const auto first = std::upper_bound(line_starts_.begin(), line_starts_.end(), begin) - 1;
  const size_t from = *first;
  size_t to = text_.find('\n', end);
  to = to == std::string::npos ? text_.size() : to + 1;
  SourceText out(path_, text_.substr(from, to - from));
  out.base_offset_ = base_offset_ + from;
  out.base_line_ = base_line_ + static_cast<uint32_t>(first - line_starts_.begin());
  if (first == line_starts_.begin()) out.base_column_ = base_column_;
  return out;
}

SourceText SourceText::part(std::string path, std::string text, uint32_t line,
                            uint32_t column_before) {
  SourceText out(std::move(path), std::move(text));
  out.base_line_ = line == 0 ? 0 : line - 1;
  out.base_column_ = column_before;
  return out;
}

Position SourceText::position(size_t offset) const {
  offset = offset < base_offset_ ? 0 : offset - base_offset_;
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  uint32_t column = line_index == 0 ? base_column_ + 1 : 1;
  for (size_t i = line_starts_[line_index]; i < offset; ++i) {
    // Continuation bytes (10xxxxxx) do not start a code point.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return {base_line_ + static_cast<uint32_t>(line_index + 1), column};
}

std::string_view SourceText::line_text(uint32_t line) const {
  if (line <= base_line_) return {};
  line -= base_line_;
  if (line == 0 || line > line_starts_.size()) return {};
  const size_t start = line_starts_[line - 1];
  size_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(start, end - start);
}

}  // namespace cmk::json
