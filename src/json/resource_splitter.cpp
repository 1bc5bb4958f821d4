#include "json/resource_splitter.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "json/reader.hpp"
#include "json/value.hpp"

namespace cmk::json {

SourceText ResourcePiece::source(std::string path) const {
  return SourceText::part(std::move(path), text, line, column_before);
}

ResourceSplitter::ResourceSplitter(size_t max_piece) : max_piece_(max_piece) {}

bool ResourceSplitter::feed(std::string_view bytes, std::vector<ResourcePiece>& out) {
  size_t i = 0;
  while (i < bytes.size()) {
    if (error_) return false;
    if (const size_t taken = inside_element(bytes.substr(i)); taken > 0) {
      i += taken;
      continue;
    }
    step(bytes[i], out);
    ++offset_;
    ++i;
  }
  return !error_;
}

namespace {

constexpr uint64_t kOnes = 0x0101010101010101;
constexpr uint64_t kHighs = 0x8080808080808080;
constexpr uint64_t kLows = 0x7F7F7F7F7F7F7F7F;

// 0x80 in each byte of `w` that is zero, 0 in the others (exact, unlike the shorter test that
// only says whether there is one).
uint64_t zero_bytes(uint64_t w) { return ~(((w & kLows) + kLows) | w | kLows); }

uint64_t load8(const char* p) {
  uint64_t w = 0;
  std::memcpy(&w, p, 8);
  return w;
}

// How many 0x80 bytes `marks` (from zero_bytes) has. The multiplication sums the bytes of
// marks >> 7, each 0 or 1, into the top one (the baseline instruction set has no popcount).
size_t count_marks(uint64_t marks) { return static_cast<size_t>(((marks >> 7) * kOnes) >> 56); }

// The bytes of `text` that start a code point (are not 10xxxxxx).
size_t code_points(std::string_view text) {
  size_t i = 0;
  size_t continuation = 0;
  for (; text.size() - i >= 8; i += 8) {
    continuation += count_marks(zero_bytes((load8(text.data() + i) & (kOnes * 0xC0)) ^ kHighs));
  }
  for (; i < text.size(); ++i) {
    continuation += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  }
  return text.size() - continuation;
}

// How far string text runs from `from` before a quote or a backslash (or `end`).
size_t string_run_end(std::string_view bytes, size_t from, size_t end) {
  size_t i = from;
  for (; end - i >= 8; i += 8) {
    const uint64_t w = load8(bytes.data() + i);
    if ((zero_bytes(w ^ (kOnes * '"')) | zero_bytes(w ^ (kOnes * '\\'))) != 0) break;
  }
  while (i < end && bytes[i] != '"' && bytes[i] != '\\') ++i;
  return i;
}

}  // namespace

size_t ResourceSplitter::inside_element(std::string_view bytes) {
  if (!in_piece_ || in_key_) return 0;
  if (lex_ != Lex::Code && lex_ != Lex::String && lex_ != Lex::Escape) return 0;
  const size_t kept = piece_.text.size() - piece_.parse_from;
  const size_t room = kept < max_piece_ ? max_piece_ - kept : 0;
  const size_t end = std::min(bytes.size(), room);
  Lex lex = lex_;
  int depth = depth_;
  size_t n = 0;
  // The lexer's state and the depth first; lines and columns after, over the whole run.
  while (n < end) {
    if (lex == Lex::String) {
      n = string_run_end(bytes, n, end);
      if (n == end) break;
      lex = bytes[n] == '"' ? Lex::Code : Lex::Escape;
      ++n;
      continue;
    }
    if (lex == Lex::Escape) {
      lex = Lex::String;  // the escaped byte
      ++n;
      continue;
    }
    const char c = bytes[n];
    if (c == '"') {
      lex = Lex::String;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth - 1 == list_depth_) break;  // the element's end: step() closes it
      --depth;
    } else if (c == '/') {
      break;  // perhaps a comment: step() reads it
    }
    ++n;
  }
  if (n == 0) return 0;
  const std::string_view run = bytes.substr(0, n);
  piece_.text.append(run);
  offset_ += n;
  lex_ = lex;
  depth_ = depth;
  // The line as track_line() leaves it: the text since the last break, while it is short.
  // memrchr: glibc's is vectorised, string_view::rfind goes byte by byte.
  const auto* found = static_cast<const char*>(memrchr(run.data(), '\n', run.size()));
  if (found) {
    const size_t last_break = static_cast<size_t>(found - run.data());
    line_ += static_cast<uint32_t>(std::count(run.begin(), run.end(), '\n'));
    const std::string_view tail = run.substr(last_break + 1);
    column_before_ = static_cast<uint32_t>(code_points(tail));
    prefix_whole_ = tail.size() <= kMaxLinePrefix;
    if (prefix_whole_) {
      line_prefix_.assign(tail);
    } else {
      std::string().swap(line_prefix_);
    }
    return n;
  }
  column_before_ += static_cast<uint32_t>(code_points(run));
  if (!prefix_whole_) return n;
  if (line_prefix_.size() + n <= kMaxLinePrefix) {
    line_prefix_.append(run);
  } else {
    prefix_whole_ = false;
    std::string().swap(line_prefix_);
  }
  return n;
}

bool ResourceSplitter::finish() {
  if (error_) return false;
  if (!seen_root_ || list_depth_ == 0) {
    fail(SplitError::Kind::NotAList, "not a list of exported resources");
  } else if (depth_ != 0 || lex_ == Lex::String || lex_ == Lex::Escape ||
             lex_ == Lex::BlockComment || lex_ == Lex::BlockStar) {
    fail(SplitError::Kind::Truncated, "the file ends inside the list of resources");
  } else if (pieces_ == 0) {
    fail(SplitError::Kind::NotAList, "the list of resources is empty");
  } else if (!wrapper_.empty()) {
    // The wrapper object's own members are checked by the reader, with the list left empty.
    wrapper_root_ = parse(SourceText("wrapper", wrapper_)).root;
    if (!wrapper_root_) {
      fail(SplitError::Kind::NotAList, "the object around the list is not valid JSON");
    }
  }
  return !error_;
}

void ResourceSplitter::fail(SplitError::Kind kind, std::string message) {
  if (!error_) error_ = SplitError{kind, offset_, std::move(message)};
}

void ResourceSplitter::track_line(char c) {
  if (c == '\n') {
    ++line_;
    column_before_ = 0;
    line_prefix_.clear();
    prefix_whole_ = true;
    return;
  }
  // Continuation bytes (10xxxxxx) do not start a code point.
  if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column_before_;
  if (!prefix_whole_) return;
  if (line_prefix_.size() < kMaxLinePrefix) {
    line_prefix_.push_back(c);
  } else {
    prefix_whole_ = false;
    std::string().swap(line_prefix_);
  }
}

bool ResourceSplitter::between_elements() const {
  return list_depth_ > 0 && !list_closed_ && depth_ == list_depth_ && !in_piece_;
}

// After the list's '[' or an element's '}' (the byte being read).
void ResourceSplitter::start_gap() {
  gap_.clear();
  gap_whole_ = true;
  gap_line_ = line_;
  gap_column_before_ = column_before_ + 1;
}

void ResourceSplitter::step(char c, std::vector<ResourcePiece>& out) {
  if (between_elements() && gap_whole_) {
    if (gap_.size() < kMaxLinePrefix) {
      gap_.push_back(c);
    } else {
      gap_whole_ = false;
      std::string().swap(gap_);
    }
  }
  if (in_piece_) {
    piece_.text.push_back(c);
    if (piece_.text.size() - piece_.parse_from > max_piece_) {
      fail(SplitError::Kind::TooLarge,
           "a resource is over the size limit of " + std::to_string(max_piece_) + " bytes");
      return;
    }
  } else if (in_wrapper()) {
    wrapper_.push_back(c);
    if (wrapper_.size() > max_piece_) {
      fail(SplitError::Kind::TooLarge, "the object around the list is over the size limit");
      return;
    }
  }
  switch (lex_) {
    case Lex::Code:
      code(c, out);
      break;
    case Lex::String:
      if (c == '\\') {
        lex_ = Lex::Escape;
      } else if (c == '"') {
        lex_ = Lex::Code;
        in_key_ = false;
      } else if (in_key_ && last_key_.size() < 8) {
        last_key_.push_back(c);
      }
      break;
    case Lex::Escape:
      lex_ = Lex::String;
      break;
    case Lex::Slash:
      if (c == '/') {
        lex_ = Lex::LineComment;
      } else if (c == '*') {
        lex_ = Lex::BlockComment;
      } else {
        lex_ = Lex::Code;
        code(c, out);
      }
      break;
    case Lex::LineComment:
      if (c == '\n') lex_ = Lex::Code;
      break;
    case Lex::BlockComment:
      if (c == '*') lex_ = Lex::BlockStar;
      break;
    case Lex::BlockStar:
      lex_ = c == '/' ? Lex::Code : c == '*' ? Lex::BlockStar : Lex::BlockComment;
      break;
  }
  track_line(c);
}

bool ResourceSplitter::in_wrapper() const {
  // The wrapper object's bytes outside the list; the list's own brackets are added by hand.
  return top_object_ && !(list_depth_ > 0 && !list_closed_ && depth_ >= list_depth_);
}

void ResourceSplitter::code(char c, std::vector<ResourcePiece>& out) {
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return;
  if (c == '/') {
    lex_ = Lex::Slash;
    return;
  }
  if (between_elements()) {
    // Between elements: an object where one is expected, ',' after one, ']' to close.
    if (c == ',' && after_element_) {
      after_element_ = false;
      return;
    }
    if (c != ']' && (c != '{' || after_element_)) {
      fail(SplitError::Kind::NotAList, "an element of the list is not an object");
      return;
    }
  }
  if (depth_ == 0 && (list_closed_ || (seen_root_ && !top_object_))) {
    fail(SplitError::Kind::NotAList, "text after the list of resources");
    return;
  }
  if (depth_ == 0 && !seen_root_) {
    // A UTF-8 BOM may come first; the root must be an array or an object.
    if (offset_ < 3 && static_cast<unsigned char>(c) >= 0xBB) return;
    if (c != '[' && c != '{') {
      fail(SplitError::Kind::NotAList, "not an array or object");
      return;
    }
  }
  if (c == '"') {
    lex_ = Lex::String;
    if (top_object_ && depth_ == 1) {
      in_key_ = true;
      last_key_.clear();
    }
    return;
  }
  if (c == '{' || c == '[') {
    open(c);
  } else if (c == '}' || c == ']') {
    close(out);
  }
}

void ResourceSplitter::open(char c) {
  if (depth_ == 0) {
    seen_root_ = true;
    if (c == '[') {
      list_depth_ = 1;
      start_gap();
    } else {
      top_object_ = true;
      wrapper_ = "{";
    }
  } else if (top_object_ && depth_ == 1 && c == '[' &&
             (iequals(last_key_, "value") || iequals(last_key_, "data"))) {
    if (list_depth_ > 0) {
      fail(SplitError::Kind::NotAList, "more than one list of resources");
      return;
    }
    list_depth_ = 2;
    start_gap();
  } else if (list_depth_ > 0 && !list_closed_ && depth_ == list_depth_ && !in_piece_) {
    in_piece_ = true;
    piece_ = ResourcePiece{};
    piece_.line = line_;
    if (gap_whole_) {  // gap_ ends with this '{'
      piece_.text = std::move(gap_);
      piece_.file_offset = offset_ + 1 - piece_.text.size();
      piece_.line = gap_line_;
      piece_.column_before = gap_column_before_;
    } else if (prefix_whole_) {
      piece_.text = line_prefix_ + c;
      piece_.file_offset = offset_ - line_prefix_.size();
    } else {
      piece_.text.push_back(c);
      piece_.file_offset = offset_;
      piece_.column_before = column_before_;
    }
    piece_.parse_from = piece_.text.size() - 1;
    gap_whole_ = false;
    gap_.clear();
  }
  ++depth_;
}

void ResourceSplitter::close(std::vector<ResourcePiece>& out) {
  if (--depth_ < 0) {
    fail(SplitError::Kind::NotAList, "unbalanced brackets");
    return;
  }
  if (in_piece_ && depth_ == list_depth_) {
    in_piece_ = false;
    after_element_ = true;
    ++pieces_;
    out.push_back(std::move(piece_));
    piece_ = ResourcePiece{};
    start_gap();
  } else if (list_depth_ > 0 && !list_closed_ && !in_piece_ && depth_ == list_depth_ - 1) {
    list_closed_ = true;
    if (top_object_) wrapper_ += "]";  // the list's own ']' was not kept: it is left empty
  }
}

}  // namespace cmk::json
