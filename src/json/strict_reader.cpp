#include "json/strict_reader.hpp"

#include <rapidjson/reader.h>
#include <simdjson.h>

#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "json/tree_assembler.hpp"
#include "util/file_text.hpp"

namespace cmk::json {

namespace {

namespace od = simdjson::ondemand;

// A number's text read by RapidJSON, as the relaxed reader reads it (its rounding of decimals,
// integers beyond int64 as doubles), so both paths give the same value.
class NumberReader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, NumberReader> {
 public:
  static std::optional<Value> read(std::string_view token, uint32_t offset) {
    if (std::optional<int64_t> i = small_integer(token)) return Value::integer(*i, offset);
    const std::string text(token);  // NUL-terminated for RapidJSON's stream
    NumberReader handler(offset);
    rapidjson::StringStream stream(text.c_str());
    rapidjson::Reader reader;
    if (reader.Parse(stream, handler).IsError()) return std::nullopt;
    return std::move(handler.value_);
  }

  bool Int(int i) { return set(Value::integer(i, offset_)); }
  bool Uint(unsigned u) { return set(Value::integer(u, offset_)); }
  bool Int64(int64_t i) { return set(Value::integer(i, offset_)); }
  bool Uint64(uint64_t u) { return set(unsigned_value(u, offset_)); }
  bool Double(double d) {
    value_ = double_value(d, offset_);
    return value_.has_value();
  }
  bool Default() { return false; }  // not a number

 private:
  explicit NumberReader(uint32_t offset) : offset_(offset) {}
  bool set(Value v) {
    value_ = std::move(v);
    return true;
  }
  // Most numbers in templates are small integers: -?(0|[1-9][0-9]{0,17}), which RapidJSON reads
  // exactly (as Int, Uint, Int64 or Uint64, all within int64). Anything else, including a
  // leading zero it refuses, is left to it.
  static std::optional<int64_t> small_integer(std::string_view token) {
    const bool minus = !token.empty() && token.front() == '-';
    const std::string_view digits = token.substr(minus ? 1 : 0);
    if (digits.empty() || digits.size() > 18 || (digits[0] == '0' && digits.size() > 1)) {
      return std::nullopt;
    }
    int64_t n = 0;
    for (const char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return minus ? -n : n;
  }

  uint32_t offset_;
  std::optional<Value> value_;
};

class Walker {
 public:
  Walker(const char* base, TreeAssembler& tree) : base_(base), tree_(tree) {}

  // False at anything the relaxed reader should judge.
  bool walk(od::value v) {
    od::json_type type{};
    if (v.type().get(type)) return false;
    const std::string_view token = v.raw_json_token();
    const uint32_t offset = offset_of(token.data());
    switch (type) {
      case od::json_type::object: {
        if (!tree_.open(false, offset)) return false;
        od::object object;
        if (v.get_object().get(object)) return false;
        for (auto member : object) {
          od::field field;
          if (std::move(member).get(field)) return false;
          const char* raw = field.key().raw();  // just past the opening quote
          std::string_view key;
          if (field.unescaped_key().get(key)) return false;
          tree_.key(std::string(key), offset_of(raw) - 1);
          if (!walk(field.value())) return false;
        }
        tree_.close();
        return true;
      }
      case od::json_type::array: {
        if (!tree_.open(true, offset)) return false;
        od::array array;
        if (v.get_array().get(array)) return false;
        for (auto element : array) {
          od::value item;
          if (std::move(element).get(item) || !walk(item)) return false;
        }
        tree_.close();
        return true;
      }
      case od::json_type::string: {
        std::string_view s;
        if (v.get_string().get(s)) return false;
        tree_.value(Value::string(std::string(s), offset));
        return true;
      }
      case od::json_type::number: {
        std::optional<Value> n = NumberReader::read(trimmed(token), offset);
        if (!n) return false;
        tree_.value(std::move(*n));
        return true;
      }
      case od::json_type::boolean: {
        bool b = false;
        if (v.get_bool().get(b)) return false;
        tree_.value(Value::boolean(b, offset));
        return true;
      }
      case od::json_type::null: {
        bool null = false;
        if (v.is_null().get(null) || !null) return false;
        tree_.value(Value::null(offset));
        return true;
      }
    }
    return false;
  }

 private:
  uint32_t offset_of(const char* p) const { return static_cast<uint32_t>(p - base_); }
  // A token runs on over the whitespace after it.
  static std::string_view trimmed(std::string_view token) {
    const size_t end = token.find_last_not_of(" \t\r\n");
    return token.substr(0, end == std::string_view::npos ? 0 : end + 1);
  }

  const char* base_;
  TreeAssembler& tree_;
};

}  // namespace

std::optional<ParseResult> parse_strict(const SourceText& source, size_t from) {
  const std::string& text = source.text();
  if (from > text.size()) return std::nullopt;
  // A NUL byte is an error the relaxed reader names.
  if (std::memchr(text.data() + from, '\0', text.size() - from) != nullptr) return std::nullopt;
  size_t start = from;
  if (text.compare(from, 3, "\xEF\xBB\xBF") == 0) start += 3;  // skipped, so offsets hold
  // simdjson reads up to SIMDJSON_PADDING bytes past the end: the text is read in place when its
  // string has that much spare capacity (a file's, from read_file_text), else from a padded copy.
  static_assert(kFileTextSpare >= simdjson::SIMDJSON_PADDING);
  const bool in_place = text.capacity() - text.size() >= simdjson::SIMDJSON_PADDING;
  simdjson::padded_string copy;
  if (!in_place) copy = simdjson::padded_string(text);
  const char* buffer = in_place ? text.data() : copy.data();
  od::parser parser;
  od::document doc;
  const size_t length = text.size() - start;
  if (parser.iterate(buffer + start, length, length + simdjson::SIMDJSON_PADDING).get(doc)) {
    return std::nullopt;
  }
  od::value root;
  if (doc.get_value().get(root)) return std::nullopt;  // also a scalar document: left to RapidJSON
  ParseResult result;
  TreeAssembler tree(source, result.diagnostics);
  if (!Walker(buffer, tree).walk(root)) return std::nullopt;
  // Only whitespace may follow the value.
  const char* after = nullptr;
  if (doc.current_location().get(after) != simdjson::OUT_OF_BOUNDS) return std::nullopt;
  result.root = std::move(tree.root());
  return result;
}

}  // namespace cmk::json
