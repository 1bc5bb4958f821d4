#include "json/reader.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace cmk::json {

namespace {

// Azure accepts raw control characters (mostly line breaks) inside strings; RapidJSON does not.
// Before parsing, such bytes inside strings are swapped for DEL (same length, so offsets hold),
// and swapped back in the decoded strings afterwards.
constexpr char kStandIn = '\x7f';

struct Masked {
  std::string text;
  std::vector<std::pair<uint32_t, char>> swaps;  // offset -> original byte, ascending
};

Masked mask_raw_controls(std::string_view text, size_t from) {
  Masked out{std::string(text), {}};
  enum { Code, Str, LineComment, BlockComment } state = Code;
  for (size_t i = from; i < out.text.size(); ++i) {
    const char c = out.text[i];
    switch (state) {
      case Code:
        if (c == '"') {
          state = Str;
        } else if (c == '/' && i + 1 < out.text.size()) {
          if (out.text[i + 1] == '/')
            state = LineComment, ++i;
          else if (out.text[i + 1] == '*')
            state = BlockComment, ++i;
        }
        break;
      case Str:
        if (c == '\\') {
          ++i;  // the escaped character cannot end the string
        } else if (c == '"') {
          state = Code;
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\0') {
          out.swaps.emplace_back(static_cast<uint32_t>(i), c);
          out.text[i] = kStandIn;
        }
        break;
      case LineComment:
        if (c == '\n') state = Code;
        break;
      case BlockComment:
        if (c == '*' && i + 1 < out.text.size() && out.text[i + 1] == '/') state = Code, ++i;
        break;
    }
  }
  return out;
}

// A string stream without RapidJSON's copy optimisation: the handler reads Tell() during
// callbacks, which a local copy of the stream would leave stale. Strings are decoded in place
// (in situ): each lands in the buffer where its own text began, right after its opening quote,
// so the handler learns where a string starts without looking back, and nothing is copied
// twice.
struct OffsetStream {
  using Ch = char;
  explicit OffsetStream(char* begin) : begin(begin), cur(begin) {}
  Ch Peek() const { return *cur; }
  Ch Take() { return *cur++; }
  size_t Tell() const { return static_cast<size_t>(cur - begin); }
  Ch* PutBegin() { return dst = cur; }
  void Put(Ch c) { *dst++ = c; }
  void Flush() {}
  size_t PutEnd(Ch* from) { return static_cast<size_t>(dst - from); }
  char* begin;
  char* cur;
  char* dst = nullptr;
};

class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  // `base` is the buffer being parsed (strings are decoded into it); the source's text, with
  // the same offsets, is read where the original spelling matters.
  TreeBuilder(const OffsetStream& stream, const char* base, const Masked& masked,
              const SourceText& source, Diagnostics& diagnostics)
      : stream_(stream),
        base_(base),
        original_(source.text().c_str()),
        masked_(masked),
        source_(source),
        diagnostics_(diagnostics) {}

  bool Null() { return add(Value::null(scan_back_token())); }
  bool Bool(bool b) { return add(Value::boolean(b, scan_back_token())); }
  bool Int(int i) { return add(Value::integer(i, scan_back_token())); }
  bool Uint(unsigned u) { return add(Value::integer(u, scan_back_token())); }
  bool Int64(int64_t i) { return add(Value::integer(i, scan_back_token())); }
  bool Uint64(uint64_t u) {
    const uint32_t off = scan_back_token();
    if (u > static_cast<uint64_t>(INT64_MAX))
      return add(Value::number(static_cast<double>(u), off));
    return add(Value::integer(static_cast<int64_t>(u), off));
  }
  bool Double(double d) {
    if (!std::isfinite(d)) {
      number_too_big_ = true;
      return false;  // RapidJSON takes 1e309 as infinity; Azure rejects it
    }
    return add(Value::number(d, scan_back_token()));
  }
  bool String(const char* s, rapidjson::SizeType len, bool) {
    const uint32_t start = opening_quote(s);
    return add(Value::string(restore(std::string(s, len), start), start));
  }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    Frame& f = stack_.back();
    f.key_offset = opening_quote(s);
    f.key = restore(std::string(s, len), f.key_offset);
    return true;
  }
  bool StartObject() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(true); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  std::optional<Value>& root() { return root_; }
  bool too_deep() const { return too_deep_; }
  bool number_too_big() const { return number_too_big_; }

 private:
  struct Frame {
    bool array = false;
    uint32_t offset = kNoOffset;  // of the opening bracket
    std::string key;
    uint32_t key_offset = kNoOffset;
    std::unique_ptr<std::unordered_set<std::string>> keys;  // lower-cased, for large objects
    size_t first = 0;  // where the container's elements start in items_ or members_
  };

  uint32_t here() const { return static_cast<uint32_t>(stream_.Tell()); }

  // Scalars are reported after they are consumed (containers before): walk back to the start.
  uint32_t scan_back_token() const {
    size_t i = here();
    while (i > 0) {
      const char c = base_[i - 1];
      const bool token_char = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                              (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
      if (!token_char) break;
      --i;
    }
    return static_cast<uint32_t>(i);
  }

  // A string decoded in situ starts where its text did, one past its opening quote.
  uint32_t opening_quote(const char* decoded) const {
    return static_cast<uint32_t>(decoded - base_ - 1);
  }

  // Puts the masked raw control characters back. The decoded string and the source are walked
  // side by side (escapes decode to a known number of bytes), so a DEL that came from "\u007f"
  // or from the file itself stays a DEL.
  std::string restore(std::string s, uint32_t start) const {
    if (masked_.swaps.empty()) return s;
    const uint32_t end = here() - 1;  // the closing quote
    auto it =
        std::lower_bound(masked_.swaps.begin(), masked_.swaps.end(), std::make_pair(start, '\0'));
    if (it == masked_.swaps.end() || it->first >= end) return s;
    size_t k = 0;  // index into the decoded string
    for (uint32_t i = start + 1; i < end && k < s.size();) {
      if (original_[i] == '\\') {
        if (original_[i + 1] != 'u') {
          i += 2;
          k += 1;
          continue;
        }
        const unsigned cp = static_cast<unsigned>(
            std::strtoul(std::string(original_ + i + 2, 4).c_str(), nullptr, 16));
        i += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair: one 4-byte character
          i += 6;
          k += 4;
        } else {
          k += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        }
        continue;
      }
      while (it != masked_.swaps.end() && it->first < i) ++it;
      if (it != masked_.swaps.end() && it->first == i) s[k] = it->second;
      ++i;
      ++k;
    }
    return s;
  }

  bool add(Value v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& f = stack_.back();
    if (f.array) {
      items_.push_back(std::move(v));
      return true;
    }
    const auto members = std::span(members_).subspan(f.first);
    // Large objects keep a set of their keys so duplicate checks stay linear.
    if (!f.keys && members.size() >= 32) {
      f.keys = std::make_unique<std::unordered_set<std::string>>();
      for (const Member& m : members) f.keys->insert(to_lower(m.key));
    }
    const bool maybe_duplicate = f.keys ? f.keys->count(to_lower(f.key)) > 0 : true;
    if (maybe_duplicate) {
      for (Member& m : members) {
        if (!iequals(m.key, f.key)) continue;
        warn_duplicate(m, f);
        m.key_offset = f.key_offset;
        m.value = std::move(v);
        return true;
      }
    }
    if (f.keys) f.keys->insert(to_lower(f.key));
    members_.push_back(Member{std::move(f.key), f.key_offset, std::move(v)});
    return true;
  }

  void warn_duplicate(const Member& first_member, const Frame& f) {
    // A few warnings say enough; thousands would only cost time and memory.
    constexpr size_t kMaxWarnings = 20;
    if (++duplicates_ > kMaxWarnings) return;
    if (duplicates_ == kMaxWarnings) {
      diagnostics_.push_back(diagnostic_at(source_, f.key_offset, DiagnosticLevel::Warning,
                                           "more duplicate keys; the rest are not listed"));
      return;
    }
    const Position first = source_.position(first_member.key_offset);
    diagnostics_.push_back(diagnostic_at(
        source_, f.key_offset, DiagnosticLevel::Warning,
        "duplicate key \"" + f.key + "\" (first at line " + std::to_string(first.line) + ":" +
            std::to_string(first.column) + "); the last one wins, as in Azure"));
  }

  bool open(bool array) {
    if (static_cast<int>(stack_.size()) >= kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    const size_t first = array ? items_.size() : members_.size();
    stack_.push_back(Frame{array, here(), {}, kNoOffset, nullptr, first});
    return true;
  }

  // A container's elements wait on one shared stack until it closes, then move into a vector
  // of their exact count: no vector grows element by element.
  bool close() {
    Frame& f = stack_.back();
    Value v = f.array ? Value::array(take_from(items_, f.first), f.offset)
                      : Value::object(take_from(members_, f.first), f.offset);
    stack_.pop_back();
    return add(std::move(v));
  }

  template <typename T>
  static std::vector<T> take_from(std::vector<T>& pending, size_t first) {
    std::vector<T> out(std::make_move_iterator(pending.begin() + static_cast<ptrdiff_t>(first)),
                       std::make_move_iterator(pending.end()));
    pending.resize(first);
    return out;
  }

  const OffsetStream& stream_;
  const char* base_;
  const char* original_;
  const Masked& masked_;
  const SourceText& source_;
  Diagnostics& diagnostics_;
  std::vector<Frame> stack_;
  std::vector<Value> items_;     // elements of the open arrays, innermost last
  std::vector<Member> members_;  // members of the open objects, innermost last
  std::optional<Value> root_;
  bool too_deep_ = false;
  bool number_too_big_ = false;
  size_t duplicates_ = 0;
};

std::string describe(rapidjson::ParseErrorCode code) {
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty:
      return "the file is empty; expected a JSON value";
    case rapidjson::kParseErrorDocumentRootNotSingular:
      return "unexpected text after the end of the JSON value";
    case rapidjson::kParseErrorObjectMissName:
      return "expected a property name in double quotes";
    case rapidjson::kParseErrorObjectMissColon:
      return "expected ':' after the property name";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      return "expected ',' or '}' after the property value";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      return "expected ',' or ']' after the array element";
    case rapidjson::kParseErrorStringMissQuotationMark:
      return "unterminated string";
    case rapidjson::kParseErrorValueInvalid:
      return "expected a JSON value";
    default:
      return rapidjson::GetParseError_En(code);
  }
}

}  // namespace

Diagnostic diagnostic_at(const SourceText& source, size_t offset, DiagnosticLevel level,
                         std::string message) {
  const Position pos = source.position(offset);
  // A very long line (minified JSON) is not echoed: a caret would be lost in it anyway.
  const std::string_view line = source.line_text(pos.line);
  return Diagnostic{
      level,      source.path(),      pos.line,
      pos.column, std::move(message), line.size() <= 400 ? std::string(line) : std::string()};
}

namespace {

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseCommentsFlag |
                            rapidjson::kParseTrailingCommasFlag | rapidjson::kParseInsituFlag;

// One parse of `buffer` (a copy of the file's text, or its masked copy: same length, same
// offsets), which the parse overwrites. Returns the RapidJSON result; on success the tree is in
// `result.root`.
rapidjson::ParseResult parse_buffer(const SourceText& source, size_t from, std::string& buffer,
                                    const Masked& masked, ParseResult& result) {
  OffsetStream stream(buffer.data());
  stream.cur += from;
  // A UTF-8 BOM is skipped, not removed, so offsets stay those of the file.
  if (buffer.compare(from, 3, "\xEF\xBB\xBF") == 0) stream.cur += 3;
  TreeBuilder builder(stream, buffer.c_str(), masked, source, result.diagnostics);
  rapidjson::Reader reader;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
  if (ok.IsError()) {
    std::string message = builder.too_deep()
                              ? "nesting deeper than " + std::to_string(kMaxDepth) + " levels"
                          : builder.number_too_big() ? "number too big"
                                                     : describe(ok.Code());
    const size_t offset = ok.Offset();
    // An embedded NUL ends RapidJSON's stream early; say so instead of a puzzling message.
    const std::string& text = source.text();
    if (offset < text.size() && text[offset] == '\0') message = "unexpected NUL byte";
    result.diagnostics.push_back(
        diagnostic_at(source, offset, DiagnosticLevel::Error, std::move(message)));
    return ok;
  }
  // The buffer now holds decoded strings, each ended by a NUL: look in the file's text.
  const std::string& text = source.text();
  if (const size_t nul = std::strlen(text.c_str() + from) + from; nul != text.size()) {
    result.diagnostics.push_back(
        diagnostic_at(source, nul, DiagnosticLevel::Error, "unexpected NUL byte"));
    return rapidjson::ParseResult(rapidjson::kParseErrorTermination, nul);
  }
  result.root = std::move(builder.root());
  return ok;
}

}  // namespace

ParseResult parse(const SourceText& source) { return parse(source, 0); }

ParseResult parse(const SourceText& source, size_t from) {
  ParseResult result;
  const std::string& text = source.text();
  // Most files have no raw control characters inside strings: parse a plain copy, and mask
  // only when RapidJSON stops at one.
  const Masked none;
  std::string buffer = text;
  const rapidjson::ParseResult ok = parse_buffer(source, from, buffer, none, result);
  const size_t at = ok.Offset();
  const bool raw_control = ok.IsError() && ok.Code() == rapidjson::kParseErrorStringEscapeInvalid &&
                           at < text.size() && static_cast<unsigned char>(text[at]) < 0x20 &&
                           text[at] != '\0';
  if (!raw_control) return result;
  result = ParseResult{};
  Masked masked = mask_raw_controls(text, from);
  std::string masked_text = std::move(masked.text);
  parse_buffer(source, from, masked_text, masked, result);
  return result;
}

}  // namespace cmk::json
