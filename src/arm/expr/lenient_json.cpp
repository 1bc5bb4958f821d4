#include "arm/expr/lenient_json.hpp"

#include <cstdlib>

namespace cmk::arm::expr {

namespace {

class LenientParser {
 public:
  explicit LenientParser(std::string_view text) : s_(text) {}

  std::optional<json::Value> run(std::string& error) {
    std::optional<json::Value> v = value(0);
    skip_space();
    if (v && i_ != s_.size()) fail("unexpected text after the JSON value");
    if (!error_.empty()) {
      error = error_;
      return std::nullopt;
    }
    return v;
  }

 private:
  static constexpr int kMaxDepth = 128;

  void fail(std::string message) {
    if (error_.empty()) error_ = message + " at offset " + std::to_string(i_);
  }

  void skip_space() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i_;
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
        const size_t end = s_.find("*/", i_ + 2);
        i_ = end == std::string_view::npos ? s_.size() : end + 2;
      } else {
        break;
      }
    }
  }

  static bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c == '-' || c == '.' || c == '+';
  }

  std::optional<std::string> string_literal() {
    const char quote = s_[i_++];
    std::string out;
    while (i_ < s_.size() && s_[i_] != quote) {
      char c = s_[i_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) break;
      c = s_[i_++];
      switch (c) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          if (i_ + 4 > s_.size()) {
            fail("bad \\u escape");
            return std::nullopt;
          }
          const unsigned code = static_cast<unsigned>(
              std::strtoul(std::string(s_.substr(i_, 4)).c_str(), nullptr, 16));
          i_ += 4;
          // UTF-8 encode (surrogate pairs are rare in templates; they pass through as is).
          if (code < 0x80) {
            out += static_cast<char>(code);
          } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
          }
          break;
        }
        default:
          out += c;
      }
    }
    if (i_ >= s_.size()) {
      fail("unterminated string");
      return std::nullopt;
    }
    ++i_;
    return out;
  }

  std::optional<json::Value> value(int depth) {
    if (depth > kMaxDepth) {
      fail("JSON nested too deeply");
      return std::nullopt;
    }
    skip_space();
    if (i_ >= s_.size()) {
      fail("expected a JSON value");
      return std::nullopt;
    }
    const char c = s_[i_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"' || c == '\'') {
      auto text = string_literal();
      if (!text) return std::nullopt;
      return json::Value::string(std::move(*text));
    }
    const size_t start = i_;
    while (i_ < s_.size() && word_char(s_[i_])) ++i_;
    const std::string word(s_.substr(start, i_ - start));
    if (word.empty()) {
      fail(std::string("unexpected character '") + c + "'");
      return std::nullopt;
    }
    if (word == "true") return json::Value::boolean(true);
    if (word == "false") return json::Value::boolean(false);
    if (word == "null" || word == "undefined") return json::Value::null();
    char* end = nullptr;
    if (word.find_first_of(".eE") == std::string::npos) {
      errno = 0;
      const long long n = std::strtoll(word.c_str(), &end, 10);
      if (*end == '\0' && errno != ERANGE) return json::Value::integer(n);
    }
    const double d = std::strtod(word.c_str(), &end);
    if (*end == '\0') return json::Value::number(d);
    fail("'" + word + "' is not a JSON value");
    return std::nullopt;
  }

  std::optional<json::Value> array(int depth) {
    ++i_;
    json::Array items;
    while (true) {
      skip_space();
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return json::Value::array(std::move(items));
      }
      auto v = value(depth + 1);
      if (!v) return std::nullopt;
      items.push_back(std::move(*v));
      skip_space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
      } else if (i_ >= s_.size() || s_[i_] != ']') {
        fail("expected ',' or ']'");
        return std::nullopt;
      }
    }
  }

  std::optional<json::Value> object(int depth) {
    ++i_;
    json::Value out = json::Value::object();
    while (true) {
      skip_space();
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return out;
      }
      if (i_ >= s_.size()) {
        fail("unterminated object");
        return std::nullopt;
      }
      std::string key;
      if (s_[i_] == '"' || s_[i_] == '\'') {
        auto k = string_literal();
        if (!k) return std::nullopt;
        key = std::move(*k);
      } else {
        const size_t start = i_;
        while (i_ < s_.size() && word_char(s_[i_])) ++i_;
        key = std::string(s_.substr(start, i_ - start));
        if (key.empty()) {
          fail("expected a property name");
          return std::nullopt;
        }
      }
      skip_space();
      if (i_ >= s_.size() || s_[i_] != ':') {
        fail("expected ':'");
        return std::nullopt;
      }
      ++i_;
      auto v = value(depth + 1);
      if (!v) return std::nullopt;
      out.set(std::move(key), std::move(*v));
      skip_space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
      } else if (i_ >= s_.size() || s_[i_] != '}') {
        fail("expected ',' or '}'");
        return std::nullopt;
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string error_;
};

}  // namespace

std::optional<json::Value> parse_lenient_json(std::string_view text, std::string& error) {
  return LenientParser(text).run(error);
}

}  // namespace cmk::arm::expr
