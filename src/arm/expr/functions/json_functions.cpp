// json() and base64ToJson(): JSON text read as Azure reads it.
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-object#json

#include <cctype>

#include "arm/expr/functions/helpers.hpp"
#include "arm/expr/hashing.hpp"
#include "arm/expr/symbolic_text.hpp"
#include "json/reader.hpp"

namespace cmk::arm::expr {
namespace fn {
namespace {

// Azure parses json() text with Newtonsoft, which also takes single-quoted strings, bare property
// names and numbers such as .5. Those are rewritten token by token into strict JSON (the structure
// is still parsed by the project's reader, which adds comments and trailing commas).
std::string newtonsoft_to_json(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 8);
  auto is_name_start = [](char ch) {
    return std::isalpha(static_cast<unsigned char>(ch)) || ch == '_' || ch == '$';
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '"') {  // copied as it is, escapes included
      size_t j = i + 1;
      while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
      out.append(text, i, std::min(j, text.size() - 1) - i + 1);
      i = j;
    } else if (ch == '\'') {
      out += '"';
      size_t j = i + 1;
      for (; j < text.size() && text[j] != '\''; ++j) {
        if (text[j] == '\\' && j + 1 < text.size()) {
          if (text[j + 1] == '\'') {
            out += '\'';
          } else {
            out += text[j];
            out += text[j + 1];
          }
          ++j;
        } else if (text[j] == '"') {
          out += "\\\"";
        } else {
          out += text[j];
        }
      }
      out += '"';
      i = j;
    } else if (ch == '.' && i + 1 < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
               (out.empty() || !std::isdigit(static_cast<unsigned char>(out.back())))) {
      out += "0.";
    } else if (is_name_start(ch)) {
      size_t j = i;
      while (j < text.size() &&
             (is_name_start(text[j]) || std::isdigit(static_cast<unsigned char>(text[j]))))
        ++j;
      const std::string word = text.substr(i, j - i);
      size_t k = j;
      while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k]))) ++k;
      const bool is_key = k < text.size() && text[k] == ':';
      out += is_key ? '"' + word + '"' : word;
      i = j - 1;
    } else if (ch == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
      const bool line = text[i + 1] == '/';
      const size_t end = line ? text.find('\n', i) : text.find("*/", i + 2);
      const size_t stop = end == std::string::npos ? text.size() : end + (line ? 0 : 2);
      out.append(text, i, stop - i);
      i = stop - 1;
    } else {
      out += ch;
    }
  }
  return out;
}

Outcome parse_json_text(Call& c, const std::string& text) {
  // "[0,0,0,...]" is a value every two bytes, each costing a whole value: check before parsing.
  if (auto e = c.reserve(text.size() * (sizeof(Value) / 2 + 1))) return *e;
  json::ParseResult parsed =
      json::parse(json::SourceText(c.name() + "()", newtonsoft_to_json(text)));
  if (!parsed.root) {
    const Diagnostic& d = parsed.diagnostics.front();
    return c.error("the argument of " + c.name() + " is not valid JSON: " + d.message +
                   " at character " + std::to_string(d.column));
  }
  return std::move(*parsed.root);
}

// json() of a composite whose symbolic pieces sit inside JSON strings, where they are copied as
// they are: '{"id": "' + resourceId(...) + '"}' is an object whose id is that (symbolic) ID. Each
// symbolic piece is parsed as a private-use placeholder, which is a syntax error anywhere outside
// a string, and put back afterwards.
constexpr std::string_view kOpen = "\xEE\x80\x80";   // U+E000
constexpr std::string_view kClose = "\xEE\x80\x81";  // U+E001

bool json_string_safe(const AtomFacts& f) {
  for (unsigned char ch = 0; ch < 0x20; ++ch) {
    if (f.chars[ch]) return false;
  }
  return !f.chars['"'] && !f.chars['\''] && !f.chars['\\'];
}

// Puts the symbolic pieces back into every string of `v`; false when a placeholder is not where
// a string's content is (an object key).
bool restore(Value& v, const std::vector<std::string>& names) {
  if (v.is_string() && v.as_string().find(kOpen) != std::string::npos) {
    const std::string& s = v.as_string();
    TextBuilder text;
    size_t pos = 0;
    while (true) {
      const size_t open = s.find(kOpen, pos);
      if (open == std::string::npos) break;
      const size_t close = s.find(kClose, open);
      if (close == std::string::npos) return false;
      const std::string digits = s.substr(open + kOpen.size(), close - open - kOpen.size());
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
        return false;
      }
      const size_t k = std::stoul(digits);
      if (k >= names.size()) return false;
      text.add_text(std::string_view(s).substr(pos, open - pos));
      text.add(Value::symbolic(names[k]));
      pos = close + kClose.size();
    }
    text.add_text(std::string_view(s).substr(pos));
    v = text.finish();
  } else if (v.is_array()) {
    for (Value& item : v.items()) {
      if (!restore(item, names)) return false;
    }
  } else if (v.is_object()) {
    for (json::Member& m : v.members()) {
      if (m.key.find(kOpen) != std::string::npos || !restore(m.value, names)) return false;
    }
  }
  return true;
}

std::optional<Value> json_of_composite(Call& c, const Value& composite) {
  const SymbolicText text = *SymbolicText::of(composite, c.composites());
  std::string source;
  std::vector<std::string> names;
  for (const SymbolicText::Piece& p : text.pieces()) {
    if (!p.symbolic) {
      if (p.text.find(kOpen) != std::string::npos || p.text.find(kClose) != std::string::npos) {
        return std::nullopt;
      }
      source += p.text;
      continue;
    }
    if (!json_string_safe(p.facts)) return std::nullopt;
    source += std::string(kOpen) + std::to_string(names.size()) + std::string(kClose);
    names.push_back(p.text);
  }
  Outcome parsed = parse_json_text(c, source);
  if (!parsed.ok()) return std::nullopt;
  Value v = parsed.take();
  if (!restore(v, names)) return std::nullopt;
  return v;
}

Outcome json_fn(Call& c) {
  if (c.args[0].is_symbolic()) {
    if (auto v = json_of_composite(c, c.args[0])) return std::move(*v);
    return blocked(c, c.args[0]);
  }
  if (!c.args[0].is_string()) return type_error(c, 0, "a String");
  return parse_json_text(c, c.args[0].as_string());
}

Outcome base64_to_json_fn(Call& c) {
  if (!c.args[0].is_string()) return type_error(c, 0, "a String");
  auto decoded = base64_decode(c.args[0].as_string());
  if (!decoded) return c.error("the argument of base64ToJson is not valid base64");
  return parse_json_text(c, *decoded);
}

}  // namespace
}  // namespace fn

void register_json_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  out.push_back({"base64ToJson", 1, 1, ArgMode::Strict, false, base64_to_json_fn});
  out.push_back({"json", 1, 1, ArgMode::Strict, true, json_fn});
}

}  // namespace cmk::arm::expr
