#include "json/reader.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "json/strict_reader.hpp"
#include "json/tree_assembler.hpp"

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

// RapidJSON's events, located, handed to a TreeAssembler.
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
        tree_(source, diagnostics) {}

  bool Null() { return add(Value::null(scan_back_token())); }
  bool Bool(bool b) { return add(Value::boolean(b, scan_back_token())); }
  bool Int(int i) { return add(Value::integer(i, scan_back_token())); }
  bool Uint(unsigned u) { return add(Value::integer(u, scan_back_token())); }
  bool Int64(int64_t i) { return add(Value::integer(i, scan_back_token())); }
  bool Uint64(uint64_t u) { return add(unsigned_value(u, scan_back_token())); }
  bool Double(double d) {
    std::optional<Value> v = double_value(d, scan_back_token());
    if (!v) {
      number_too_big_ = true;
      return false;
    }
    return add(std::move(*v));
  }
  bool String(const char* s, rapidjson::SizeType len, bool) {
    const uint32_t start = opening_quote(s);
    return add(Value::string(restore(std::string(s, len), start), start));
  }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    const uint32_t start = opening_quote(s);
    tree_.key(restore(std::string(s, len), start), start);
    return true;
  }
  bool StartObject() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(true); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  std::optional<Value>& root() { return tree_.root(); }
  bool too_deep() const { return too_deep_; }
  bool number_too_big() const { return number_too_big_; }

 private:
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
    tree_.value(std::move(v));
    return true;
  }

  bool open(bool array) {
    if (!tree_.open(array, here())) {
      too_deep_ = true;
      return false;
    }
    return true;
  }

  bool close() {
    tree_.close();
    return true;
  }

  const OffsetStream& stream_;
  const char* base_;
  const char* original_;
  const Masked& masked_;
  TreeAssembler tree_;
  bool too_deep_ = false;
  bool number_too_big_ = false;
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
    case rapidjson::kParseErrorNumberTooBig:
      return "number too big";
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
  if (std::optional<ParseResult> strict = parse_strict(source, from)) return std::move(*strict);
  return parse_relaxed(source, from);
}

ParseResult parse_relaxed(const SourceText& source, size_t from) {
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
