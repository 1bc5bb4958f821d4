// String functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "arm/expr/functions/helpers.hpp"
#include "arm/expr/hashing.hpp"
#include "arm/expr/symbolic_text.hpp"

namespace cmk::arm::expr {
namespace fn {

std::string lower(std::string_view s) { return json::to_lower(s); }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

namespace {

// At most how many times the delimiters can occur in `text` (an O(1) bound for budget checks:
// counting exactly costs as much as the work it guards).
uint64_t most_matches(std::string_view text, const std::vector<std::string>& delimiters) {
  size_t shortest = 0;
  for (const std::string& d : delimiters) {
    if (!d.empty() && (shortest == 0 || d.size() < shortest)) shortest = d.size();
  }
  return shortest == 0 ? 0 : text.size() / shortest;
}

// toLower of a composite lowers its literal pieces and wraps only the symbolic pieces that could
// change, so toLower(concat('KV-', uniqueString(x))) is concat('kv-', uniqueString(x)).
Outcome change_case(Call& c, bool to_upper) {
  const Value& v = c.args[0];
  if (v.is_symbolic()) return SymbolicText::of(v, c.composites())->change_case(to_upper).value();
  if (!v.is_string()) return type_error(c, 0, "a String");
  return Value::string(to_upper ? upper(v.as_string()) : lower(v.as_string()));
}

Outcome to_lower_fn(Call& c) { return change_case(c, false); }
Outcome to_upper_fn(Call& c) { return change_case(c, true); }

bool is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

Outcome trim_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_symbolic()) {
    if (auto trimmed = SymbolicText::of(v, c.composites())->trim()) return trimmed->value();
    return symbolic_call("trim", c.args);
  }
  if (!v.is_string()) return type_error(c, 0, "a String");
  const std::string& s = v.as_string();
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return Value::string(s.substr(b, e - b));
}

std::optional<EvalError> outside_string(const Call& c, int64_t start, int64_t& length,
                                        int64_t size) {
  if (c.args.size() <= 2) length = size - start;
  if (start < 0 || length < 0 || start > size || start + length > size) {
    return c.error(
        "the index and length parameters must refer to a location within the string: index " +
        std::to_string(start) + ", length " + std::to_string(length) + ", string length " +
        std::to_string(size));
  }
  return std::nullopt;
}

Outcome substring_fn(Call& c) {
  const Value& v = c.args[0];
  int64_t start = 0;
  if (!int_arg(c.args[1], start)) return type_error(c, 1, "an Integer");
  int64_t length = -1;
  if (c.args.size() > 2 && !int_arg(c.args[2], length)) return type_error(c, 2, "an Integer");
  if (v.is_symbolic()) {
    const SymbolicText text = *SymbolicText::of(v, c.composites());
    const auto count = c.args.size() > 2 ? std::optional<int64_t>(length) : std::nullopt;
    if (auto part = text.slice(start, count)) return part->value();
    if (auto size = text.length()) {
      if (auto e = outside_string(c, start, length, *size)) return *e;
    }
    return symbolic_call("substring", c.args);
  }
  if (!v.is_string()) return type_error(c, 0, "a String");
  const auto size = static_cast<int64_t>(v.as_string().size());
  if (auto e = outside_string(c, start, length, size)) return *e;
  return Value::string(
      v.as_string().substr(static_cast<size_t>(start), static_cast<size_t>(length)));
}

Outcome replace_fn(Call& c) {
  for (size_t i = 0; i < 3; ++i) {
    if (!is_text(c.args[i])) return type_error(c, i, "a String");
  }
  // Left to right, without overlaps, as .NET replaces. In a composite, when `from` can only occur
  // in literal pieces; `to` may be symbolic.
  if (c.args[0].is_string() && c.args[1].is_string() && c.args[2].is_string()) {
    // Each occurrence may grow by the replacement's length: check before building.
    const std::string& text = c.args[0].as_string();
    const uint64_t growth =
        most_matches(text, {c.args[1].as_string()}) * c.args[2].as_string().size();
    if (auto e = c.reserve(text.size() + growth)) return *e;
  }
  if (!c.args[1].is_symbolic()) {
    const auto text = SymbolicText::of(c.args[0], c.composites());
    if (auto out =
            text->replace(c.args[1].as_string(), *SymbolicText::of(c.args[2], c.composites()))) {
      return out->value();
    }
  }
  return symbolic_call("replace", c.args);
}

// startsWith / endsWith ignoring case; of a composite, when its literal pieces decide.
Outcome affix_fn(Call& c, bool suffix) {
  for (size_t i = 0; i < 2; ++i) {
    if (!is_text(c.args[i])) return type_error(c, i, "a String");
  }
  if (c.args[1].is_symbolic()) return blocked(c, c.args[1]);
  const std::string& p = c.args[1].as_string();
  if (c.args[0].is_symbolic()) {
    const SymbolicText text = *SymbolicText::of(c.args[0], c.composites());
    const Tri t = suffix ? text.ends_with(p) : text.starts_with(p);
    if (t == Tri::Unknown) return blocked(c, c.args[0]);
    return Value::boolean(t == Tri::True);
  }
  const std::string s = lower(c.args[0].as_string());
  const std::string l = lower(p);
  if (!suffix) return Value::boolean(s.rfind(l, 0) == 0);
  return Value::boolean(s.size() >= l.size() && s.compare(s.size() - l.size(), l.size(), l) == 0);
}

Outcome starts_with_fn(Call& c) { return affix_fn(c, false); }
Outcome ends_with_fn(Call& c) { return affix_fn(c, true); }

// A composite (a resource ID with a symbolic subscription) splits on delimiters that no symbolic
// piece can hold: its segments are strings, or symbolic where a symbolic piece is inside.
Outcome split_fn(Call& c) {
  if (!is_text(c.args[0])) return type_error(c, 0, "a String");
  std::vector<std::string> delimiters;
  if (c.args[1].is_symbolic()) return blocked(c, c.args[1]);
  if (c.args[1].is_string()) {
    delimiters.push_back(c.args[1].as_string());
  } else if (c.args[1].is_array()) {
    for (const Value& d : c.args[1].items()) {
      if (d.is_symbolic()) return blocked(c, d);
      if (!d.is_string()) return type_error(c, 1, "a String or an array of strings");
      delimiters.push_back(d.as_string());
    }
  } else {
    return type_error(c, 1, "a String or an array of strings");
  }
  if (c.args[0].is_symbolic()) {
    if (auto parts = SymbolicText::of(c.args[0], c.composites())->split(delimiters)) {
      return Value::array(std::move(*parts));
    }
    return blocked(c, c.args[0]);
  }
  // Each piece costs a whole value: a string of commas splits into many times its size.
  const std::string& text = c.args[0].as_string();
  if (auto e = c.reserve(text.size() + (most_matches(text, delimiters) + 1) * sizeof(Value))) {
    return *e;
  }
  json::Array parts;
  for (std::string& part : split_text(text, delimiters)) {
    parts.push_back(Value::string(std::move(part)));
  }
  return Value::array(std::move(parts));
}

Outcome pad_left_fn(Call& c) {
  const Value& v = c.args[0];
  int64_t total = 0;
  if (!int_arg(c.args[1], total)) return type_error(c, 1, "an Integer");
  std::string pad = " ";
  if (c.args.size() > 2) {
    if (!c.args[2].is_string() || c.args[2].as_string().size() != 1) {
      return c.error("function 'padLeft' expects a single padding character");
    }
    pad = c.args[2].as_string();
  }
  if (v.is_symbolic()) return symbolic_call("padLeft", c.args);
  if (!v.is_string() && !v.is_int()) return type_error(c, 0, "a String or an Integer");
  if (total > int64_t{16} * 1024) return c.error("padLeft length too large", ErrorKind::Limit);
  std::string s = to_arm_text(v);
  if (static_cast<int64_t>(s.size()) < total) {
    s.insert(0, static_cast<size_t>(total) - s.size(), pad[0]);
  }
  return Value::string(std::move(s));
}

Outcome string_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_symbolic()) return v;
  if (find_symbolic(v)) return blocked(c, *find_symbolic(v));
  return Value::string(to_arm_text(v));
}

Outcome concat_text(Call& c) {
  TextBuilder text(c.composites());
  for (const Value& a : c.args) {
    if (a.is_array() || a.is_object()) {
      if (const Value* s = find_symbolic(a)) return blocked(c, *s);
    }
    text.add(a);
  }
  return text.finish();
}

Outcome unique_string_fn(Call& c) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < c.args.size(); ++i) {
    if (!is_text(c.args[i])) return type_error(c, i, "a String");
  }
  if (any_symbolic(c)) return symbolic_call("uniqueString", c.args);
  for (const Value& a : c.args) parts.push_back(a.as_string());
  return Value::string(unique_string(parts));
}

Outcome guid_fn(Call& c) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < c.args.size(); ++i) {
    if (!is_text(c.args[i])) return type_error(c, i, "a String");
  }
  if (any_symbolic(c)) return symbolic_call("guid", c.args);
  for (const Value& a : c.args) parts.push_back(a.as_string());
  return Value::string(arm_guid(parts));
}

Outcome new_guid_fn(Call& c) {
  return c.unknown("newGuid() returns a new value at each deployment");
}

// Objects and arrays are encoded as their compact JSON text, as Azure does.
Outcome base64_fn(Call& c) {
  if (c.args[0].is_symbolic()) return symbolic_call("base64", c.args);
  if (find_symbolic(c.args[0])) return blocked(c, *find_symbolic(c.args[0]));
  return Value::string(base64_encode(to_arm_text(c.args[0])));
}

Outcome base64_to_string_fn(Call& c) {
  if (!c.args[0].is_string()) return type_error(c, 0, "a String");
  auto decoded = base64_decode(c.args[0].as_string());
  if (!decoded) return c.error("the argument of base64ToString is not valid base64");
  return Value::string(std::move(*decoded));
}

Outcome data_uri_fn(Call& c) {
  if (find_symbolic(c.args[0])) return blocked(c, *find_symbolic(c.args[0]));
  const std::string text = to_arm_text(c.args[0]);
  return Value::string("data:text/plain;charset=utf8;base64," + base64_encode(text));
}

Outcome data_uri_to_string_fn(Call& c) {
  if (!c.args[0].is_string()) return type_error(c, 0, "a String");
  const std::string& s = c.args[0].as_string();
  const size_t comma = s.find(',');
  if (s.rfind("data:", 0) != 0 || comma == std::string::npos) {
    return c.error("the argument of dataUriToString is not a data URI");
  }
  const std::string meta = s.substr(5, comma - 5);
  if (meta.size() >= 7 && meta.compare(meta.size() - 7, 7, ";base64") == 0) {
    auto decoded = base64_decode(s.substr(comma + 1));
    if (!decoded) return c.error("the data URI's base64 payload is invalid");
    return Value::string(std::move(*decoded));
  }
  return Value::string(s.substr(comma + 1));
}

bool unreserved(unsigned char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '-' || ch == '_' || ch == '.' || ch == '~';
}

Outcome uri_component_fn(Call& c) {
  if (c.args[0].is_symbolic()) return symbolic_call("uriComponent", c.args);
  if (!c.args[0].is_string()) return type_error(c, 0, "a String");
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : c.args[0].as_string()) {
    if (unreserved(ch)) {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return Value::string(std::move(out));
}

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

Outcome uri_component_to_string_fn(Call& c) {
  if (!c.args[0].is_string()) return type_error(c, 0, "a String");
  const std::string& s = c.args[0].as_string();
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() + 0 && hex_digit(s[i + 1]) >= 0 &&
        hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return Value::string(std::move(out));
}

// uri(base, relative) follows System.Uri(Uri, string): a relative path replaces what follows
// the base's last '/', a rooted path replaces the whole path, an absolute URI wins.
Outcome uri_fn(Call& c) {
  if (!is_text(c.args[0])) return type_error(c, 0, "a String");
  if (!is_text(c.args[1])) return type_error(c, 1, "a String");
  const Value& base_v = c.args[0];
  const Value& rel_v = c.args[1];
  if (base_v.is_symbolic()) return blocked(c, base_v);
  const std::string& base = base_v.as_string();
  const size_t scheme_end = base.find("://");
  if (scheme_end == std::string::npos) {
    return c.error("the baseUri argument of uri() is not an absolute URI: '" + base + "'");
  }
  const size_t path_start = base.find('/', scheme_end + 3);
  TextBuilder out(c.composites());
  if (rel_v.is_string()) {
    const std::string& rel = rel_v.as_string();
    if (rel.find("://") != std::string::npos) return Value::string(rel);
    if (!rel.empty() && rel[0] == '/') {
      out.add_text(path_start == std::string::npos ? base : base.substr(0, path_start));
      out.add_text(rel);
      return out.finish();
    }
  }
  if (path_start == std::string::npos) {
    out.add_text(base + "/");
  } else {
    out.add_text(base.substr(0, base.rfind('/') + 1));
  }
  out.add(rel_v);
  return out.finish();
}

// .NET composite formatting: {index[,alignment][:format]} with {{ and }} as literal braces.
std::string format_number(const Value& v, std::string_view spec, bool& ok) {
  ok = true;
  if (spec.empty()) return to_arm_text(v);
  const char kind = spec[0];
  int digits = -1;
  if (spec.size() > 1) {
    digits = 0;
    for (char ch : spec.substr(1)) {
      if (ch < '0' || ch > '9') {
        ok = false;
        return {};
      }
      digits = digits * 10 + (ch - '0');
    }
  }
  const double d = v.as_double();
  char buf[128];
  switch (kind) {
    case 'N':
    case 'n': {
      const int places = digits < 0 ? 2 : digits;
      std::snprintf(buf, sizeof buf, "%.*f", places, std::fabs(d));
      std::string s = buf;
      const size_t dot = s.find('.');
      std::string whole = s.substr(0, dot);
      std::string grouped;
      for (size_t i = 0; i < whole.size(); ++i) {
        if (i && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
      }
      return (d < 0 ? "-" : "") + grouped + (dot == std::string::npos ? "" : s.substr(dot));
    }
    case 'D':
    case 'd': {
      if (!v.is_int()) break;
      std::snprintf(buf, sizeof buf, "%0*lld", std::max(digits, 0),
                    static_cast<long long>(v.as_int()));
      return buf;
    }
    case 'F':
    case 'f':
      std::snprintf(buf, sizeof buf, "%.*f", digits < 0 ? 2 : digits, d);
      return buf;
    case 'X':
    case 'x': {
      if (!v.is_int()) break;
      std::snprintf(buf, sizeof buf, kind == 'X' ? "%0*llX" : "%0*llx", std::max(digits, 0),
                    static_cast<unsigned long long>(v.as_int()));
      return buf;
    }
    case 'P':
    case 'p': {
      std::snprintf(buf, sizeof buf, "%.*f", digits < 0 ? 2 : digits, d * 100);
      return std::string(buf) + " %";
    }
    default:
      break;
  }
  ok = false;
  return {};
}

constexpr int64_t kMaxFormatWidth = 1'000'000;

Outcome format_fn(Call& c) {
  if (!is_text(c.args[0])) return type_error(c, 0, "a String");
  if (c.args[0].is_symbolic()) return blocked(c, c.args[0]);
  const std::string& f = c.args[0].as_string();
  uint64_t produced = 0;
  TextBuilder out(c.composites());
  std::string literal;
  for (size_t i = 0; i < f.size(); ++i) {
    const char ch = f[i];
    if (ch == '{' && i + 1 < f.size() && f[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    if (ch == '}' && i + 1 < f.size() && f[i + 1] == '}') {
      literal += '}';
      ++i;
      continue;
    }
    if (ch == '}') return c.error("format string has an unmatched '}'");
    if (ch != '{') {
      literal += ch;
      continue;
    }
    const size_t close = f.find('}', i);
    if (close == std::string::npos) return c.error("format string has an unmatched '{'");
    const std::string item = f.substr(i + 1, close - i - 1);
    i = close;
    size_t p = 0;
    int64_t index = 0;
    bool any_digit = false;
    while (p < item.size() && item[p] >= '0' && item[p] <= '9') {
      index = index * 10 + (item[p++] - '0');
      any_digit = true;
      if (index >= kMaxFormatWidth) return c.error("format item '{" + item + "}' has no argument");
    }
    while (p < item.size() && item[p] == ' ') ++p;
    if (!any_digit) return c.error("format item '{" + item + "}' has no index");
    int64_t alignment = 0;
    if (p < item.size() && item[p] == ',') {
      ++p;
      bool negative = false;
      if (p < item.size() && item[p] == '-') {
        negative = true;
        ++p;
      }
      while (p < item.size() && item[p] >= '0' && item[p] <= '9') {
        alignment = alignment * 10 + (item[p++] - '0');
        // .NET refuses a width of a million or more.
        if (alignment >= kMaxFormatWidth)
          return c.error("format item '{" + item + "}' is too wide");
      }
      if (negative) alignment = -alignment;
    }
    std::string spec;
    if (p < item.size() && item[p] == ':') spec = item.substr(p + 1);
    if (index + 1 >= static_cast<int64_t>(c.args.size())) {
      return c.error("format item '{" + item + "}' refers to argument " + std::to_string(index) +
                     " but only " + std::to_string(c.args.size() - 1) + " were given");
    }
    const Value& arg = c.args[static_cast<size_t>(index) + 1];
    const size_t literal_size = literal.size();
    out.add_text(literal);
    literal.clear();
    if (arg.is_symbolic()) {
      out.add(arg);
      continue;
    }
    if ((arg.is_array() || arg.is_object()) && find_symbolic(arg)) {
      return blocked(c, *find_symbolic(arg));
    }
    std::string text;
    if (arg.is_number() && !spec.empty()) {
      bool ok = false;
      text = format_number(arg, spec, ok);
      if (!ok) text = to_arm_text(arg);
    } else {
      text = to_arm_text(arg);
    }
    const auto width = static_cast<size_t>(alignment < 0 ? -alignment : alignment);
    if (text.size() < width) {
      if (alignment > 0) {
        text.insert(0, width - text.size(), ' ');
      } else {
        text.append(width - text.size(), ' ');
      }
    }
    // One argument may be repeated by many items: check the total as it grows.
    produced += literal_size + text.size();
    if (auto e = c.reserve(produced)) return *e;
    out.add_text(text);
  }
  out.add_text(literal);
  return out.finish();
}

Outcome join_fn(Call& c) {
  if (!c.args[0].is_array()) return type_error(c, 0, "an Array");
  if (!is_text(c.args[1])) return type_error(c, 1, "a String");
  // The separator is repeated between every two items: check the total before building.
  uint64_t total = 0;
  const uint64_t separator = c.args[1].is_string() ? c.args[1].as_string().size() : 0;
  for (const Value& item : c.args[0].items()) {
    total += separator + (item.is_string() ? item.as_string().size() : sizeof(Value));
  }
  if (auto e = c.reserve(total)) return *e;
  TextBuilder out(c.composites());
  bool first = true;
  for (const Value& item : c.args[0].items()) {
    if (!first) out.add(c.args[1]);
    first = false;
    if (item.is_array() || item.is_object()) {
      return c.error("join() expects an array of strings, integers or booleans");
    }
    out.add(item);
  }
  return out.finish();
}

}  // namespace

Outcome concat_strings(Call& c) { return concat_text(c); }

}  // namespace fn

void register_string_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  const bool sym = true;
  out.push_back({"base64", 1, 1, ArgMode::Strict, sym, base64_fn});
  out.push_back({"base64ToString", 1, 1, ArgMode::Strict, false, base64_to_string_fn});
  out.push_back({"dataUri", 1, 1, ArgMode::Strict, false, data_uri_fn});
  out.push_back({"dataUriToString", 1, 1, ArgMode::Strict, false, data_uri_to_string_fn});
  out.push_back({"endsWith", 2, 2, ArgMode::Strict, sym, ends_with_fn});
  out.push_back({"format", 1, kVariadic, ArgMode::Strict, sym, format_fn});
  out.push_back({"guid", 1, kVariadic, ArgMode::Strict, sym, guid_fn});
  out.push_back({"join", 2, 2, ArgMode::Strict, sym, join_fn});
  out.push_back({"newGuid", 0, 0, ArgMode::Strict, false, new_guid_fn});
  out.push_back({"padLeft", 2, 3, ArgMode::Strict, sym, pad_left_fn});
  out.push_back({"replace", 3, 3, ArgMode::Strict, sym, replace_fn});
  out.push_back({"split", 2, 2, ArgMode::Strict, sym, split_fn});
  out.push_back({"startsWith", 2, 2, ArgMode::Strict, sym, starts_with_fn});
  out.push_back({"string", 1, 1, ArgMode::Strict, sym, string_fn});
  out.push_back({"substring", 2, 3, ArgMode::Strict, sym, substring_fn});
  out.push_back({"toLower", 1, 1, ArgMode::Strict, sym, to_lower_fn});
  out.push_back({"toUpper", 1, 1, ArgMode::Strict, sym, to_upper_fn});
  out.push_back({"trim", 1, 1, ArgMode::Strict, sym, trim_fn});
  out.push_back({"uniqueString", 1, kVariadic, ArgMode::Strict, sym, unique_string_fn});
  out.push_back({"uri", 2, 2, ArgMode::Strict, sym, uri_fn});
  out.push_back({"uriComponent", 1, 1, ArgMode::Strict, sym, uri_component_fn});
  out.push_back({"uriComponentToString", 1, 1, ArgMode::Strict, false, uri_component_to_string_fn});
}

}  // namespace cmk::arm::expr
