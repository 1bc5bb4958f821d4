#include "json/value.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace cmk::json {

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return "bool";
    case Kind::Int:
      return "int";
    case Kind::Double:
      return "number";
    case Kind::String:
      return "string";
    case Kind::Array:
      return "array";
    case Kind::Object:
      return "object";
    case Kind::Unknown:
      return "unknown";
    case Kind::Symbolic:
      return "symbolic";
  }
  return "?";
}

Value Value::unknown(std::string reason, std::string expression, uint32_t offset) {
  return Value(
      std::make_shared<const UnknownInfo>(UnknownInfo{std::move(reason), std::move(expression)}),
      offset);
}

Value Value::symbolic(std::string name, uint32_t offset, bool unique) {
  return Value(std::make_shared<const SymbolicInfo>(SymbolicInfo{std::move(name), unique}), offset);
}

double Value::as_double() const {
  if (is_int()) return static_cast<double>(as_int());
  return std::get<double>(data_);
}

bool iequals_same_size(const char* a, const char* b, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

const Array& Value::empty_array() {
  static const Array empty;
  return empty;
}

const Object& Value::empty_object() {
  static const Object empty;
  return empty;
}

namespace {

// The container `p` points to, copied first when another value shares it (or made when a
// moved-from value has none).
template <typename T>
T& own(std::shared_ptr<T>& p) {
  if (!p) {
    p = std::make_shared<T>();
  } else if (p.use_count() > 1) {
    p = std::make_shared<T>(*p);
  }
  return *p;
}

}  // namespace

Array& Value::items() { return own(std::get<std::shared_ptr<Array>>(data_)); }

Object& Value::members() { return own(std::get<std::shared_ptr<Object>>(data_)); }

const Member* Value::find_member(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const Member& m : members()) {
    if (iequals(m.key, key)) return &m;
  }
  return nullptr;
}

const Value* Value::find(std::string_view key) const {
  const Member* m = find_member(key);
  return m ? &m->value : nullptr;
}

Value* Value::find(std::string_view key) {
  if (!is_object()) return nullptr;
  for (Member& m : members()) {
    if (iequals(m.key, key)) return &m.value;
  }
  return nullptr;
}

void Value::set(std::string key, Value value, uint32_t key_offset) {
  Object& obj = members();
  for (Member& m : obj) {
    if (iequals(m.key, key)) {
      m.value = std::move(value);
      return;
    }
  }
  obj.push_back(Member{std::move(key), key_offset, std::move(value)});
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) {
    if (a.is_number() && b.is_number()) return a.as_double() == b.as_double();
    return false;
  }
  switch (a.kind()) {
    case Kind::Null:
      return true;
    case Kind::Bool:
      return a.as_bool() == b.as_bool();
    case Kind::Int:
      return a.as_int() == b.as_int();
    case Kind::Double:
      return a.as_double() == b.as_double();
    case Kind::String:
      return a.as_string() == b.as_string();
    case Kind::Array:
      return a.items() == b.items();
    case Kind::Object: {
      if (a.members().size() != b.members().size()) return false;
      for (const Member& m : a.members()) {
        const Value* other = b.find(m.key);
        if (!other || !(*other == m.value)) return false;
      }
      return true;
    }
    case Kind::Unknown:
      return false;  // two unknowns are never provably equal
    case Kind::Symbolic:
      return a.symbolic_info().name == b.symbolic_info().name;
  }
  return false;
}

namespace {
bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

void append_escaped(std::string& out, std::string_view s) {
  out += '"';
  size_t run = 0;  // start of the pending run of characters copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!needs_escape(c)) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
        out += buf;
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void append_json(std::string& out, const Value& v, bool located) {
  if (located) out += "@" + std::to_string(v.offset()) + kind_name(v.kind()) + ":";
  switch (v.kind()) {
    case Kind::Null:
      out += "null";
      break;
    case Kind::Bool:
      out += v.as_bool() ? "true" : "false";
      break;
    case Kind::Int:
      out += std::to_string(v.as_int());
      break;
    case Kind::Double:
      out += number_text(v.as_double());
      break;
    case Kind::String:
      append_escaped(out, v.as_string());
      break;
    case Kind::Array: {
      out += '[';
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out += ',';
        first = false;
        append_json(out, item, located);
      }
      out += ']';
      break;
    }
    case Kind::Object: {
      out += '{';
      bool first = true;
      for (const Member& m : v.members()) {
        if (!first) out += ',';
        first = false;
        if (located) out += "@" + std::to_string(m.key_offset) + ":";
        append_escaped(out, m.key);
        out += ':';
        append_json(out, m.value, located);
      }
      out += '}';
      break;
    }
    case Kind::Unknown:
      append_escaped(out, "<unknown: " + v.unknown_info().reason + ">");
      break;
    case Kind::Symbolic:
      append_escaped(out, "<" + v.symbolic_info().name + ">");
      break;
  }
}
}  // namespace

// Shortest text that reads back to the same double (as .NET's "R" format, which ARM uses); an
// integral double keeps a ".0" so it still reads as a number with a fraction.
std::string number_text(double d) {
  if (!std::isfinite(d)) return "null";
  char buf[32];
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.1f", d);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  return buf;
}

std::string to_json(const Value& v) {
  std::string out;
  append_json(out, v, false);
  return out;
}

std::string to_located_json(const Value& v) {
  std::string out;
  append_json(out, v, true);
  return out;
}

}  // namespace cmk::json
