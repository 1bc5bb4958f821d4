#include "arm/expr/values.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "arm/expr/parser.hpp"
#include "arm/expr/symbolic_text.hpp"

namespace cmk::arm::expr {

using json::Kind;
using json::Value;

const Value* find_unknown(const Value& v) {
  switch (v.kind()) {
    case Kind::Unknown:
      return &v;
    case Kind::Array:
      for (const Value& item : v.items()) {
        if (const Value* u = find_unknown(item)) return u;
      }
      return nullptr;
    case Kind::Object:
      for (const json::Member& m : v.members()) {
        if (const Value* u = find_unknown(m.value)) return u;
      }
      return nullptr;
    default:
      return nullptr;
  }
}

const Value* find_symbolic(const Value& v) {
  switch (v.kind()) {
    case Kind::Symbolic:
      return &v;
    case Kind::Array:
      for (const Value& item : v.items()) {
        if (const Value* s = find_symbolic(item)) return s;
      }
      return nullptr;
    case Kind::Object:
      for (const json::Member& m : v.members()) {
        if (const Value* s = find_symbolic(m.value)) return s;
      }
      return nullptr;
    default:
      return nullptr;
  }
}

Tri deep_equals(const Value& a, const Value& b) {
  if (a.is_unknown() || b.is_unknown()) return Tri::Unknown;
  if (a.is_symbolic() || b.is_symbolic()) {
    if (a.is_symbolic() && b.is_symbolic() && a.symbolic_info().name == b.symbolic_info().name) {
      return Tri::True;
    }
    // A deployment-context value is always a string; it cannot equal a container or number, nor
    // a string its literal pieces rule out (resourceId(...) is never '').
    const Value& other = a.is_symbolic() ? b : a;
    if (!other.is_string() && !other.is_symbolic()) return Tri::False;
    return SymbolicText::of(a)->equals(*SymbolicText::of(b)) == Tri::False ? Tri::False
                                                                           : Tri::Unknown;
  }
  if (a.is_number() && b.is_number()) return tri(a.as_double() == b.as_double());
  if (a.kind() != b.kind()) return Tri::False;
  switch (a.kind()) {
    case Kind::Null:
      return Tri::True;
    case Kind::Bool:
      return tri(a.as_bool() == b.as_bool());
    case Kind::String:
      return tri(a.as_string() == b.as_string());
    case Kind::Array: {
      if (a.items().size() != b.items().size()) return Tri::False;
      Tri result = Tri::True;
      for (size_t i = 0; i < a.items().size(); ++i) {
        const Tri t = deep_equals(a.items()[i], b.items()[i]);
        if (t == Tri::False) return Tri::False;
        if (t == Tri::Unknown) result = Tri::Unknown;
      }
      return result;
    }
    case Kind::Object: {
      if (a.members().size() != b.members().size()) return Tri::False;
      Tri result = Tri::True;
      for (const json::Member& m : a.members()) {
        const Value* other = b.find(m.key);
        if (!other) return Tri::False;
        const Tri t = deep_equals(m.value, *other);
        if (t == Tri::False) return Tri::False;
        if (t == Tri::Unknown) result = Tri::Unknown;
      }
      return result;
    }
    default:
      return Tri::Unknown;
  }
}

std::string to_compact_json(const Value& v) { return json::to_json(v); }

std::string to_arm_text(const Value& v) {
  switch (v.kind()) {
    case Kind::String:
      return v.as_string();
    case Kind::Bool:
      return v.as_bool() ? "True" : "False";
    case Kind::Int:
      return std::to_string(v.as_int());
    case Kind::Double: {
      std::string t = json::number_text(v.as_double());
      if (t.size() > 2 && t.compare(t.size() - 2, 2, ".0") == 0) t.resize(t.size() - 2);
      return t;
    }
    case Kind::Null:
      return "";
    default:
      return to_compact_json(v);
  }
}

int64_t utf16_length(std::string_view s) {
  int64_t n = 0;
  for (const char c : s) {
    const auto ch = static_cast<unsigned char>(c);
    if ((ch & 0xC0) == 0x80) continue;  // continuation byte
    n += (ch >= 0xF0) ? 2 : 1;          // 4-byte sequences are surrogate pairs
  }
  return n;
}

namespace {

// Appends `text` as an ARM string literal: runs between quotes are copied whole, as most text
// has no quote at all.
void append_quoted(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out += '\'';
  for (size_t q; (q = text.find('\'')) != std::string_view::npos; text.remove_prefix(q + 1)) {
    out.append(text.data(), q + 1);
    out += '\'';
  }
  out += text;
  out += '\'';
}

}  // namespace

std::string quote(std::string_view text) {
  std::string out;
  append_quoted(out, text);
  return out;
}

std::string render_as_expression(const Value& v) {
  switch (v.kind()) {
    case Kind::String:
      return quote(v.as_string());
    case Kind::Int:
      return std::to_string(v.as_int());
    case Kind::Bool:
      return v.as_bool() ? "true" : "false";
    case Kind::Null:
      return "null()";
    case Kind::Symbolic:
      return v.symbolic_info().name;
    case Kind::Unknown:
      return v.unknown_info().expression;
    default:
      return "json(" + quote(to_compact_json(v)) + ")";
  }
}

Value symbolic_call(std::string_view function, const std::vector<Value>& args) {
  std::string name(function);
  name += '(';
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) name += ", ";
    name += render_as_expression(args[i]);
  }
  name += ')';
  return Value::symbolic(std::move(name));
}

std::optional<std::vector<SymbolicPart>> composite_parts(const std::string& name) {
  if (name.rfind("concat(", 0) != 0) return std::nullopt;
  ParseResult parsed = parse_expression("[" + name + "]");
  if (!parsed.root || !parsed.root->is_call("concat")) return std::nullopt;
  std::vector<SymbolicPart> parts;
  const std::string bracketed = "[" + name + "]";
  for (const Node& arg : parsed.root->children) {
    if (arg.type == NodeType::String) {
      parts.push_back({false, arg.text});
    } else {
      parts.push_back({true, bracketed.substr(arg.begin, arg.end - arg.begin)});
    }
  }
  return parts;
}

void TextBuilder::add_text(std::string_view text) {
  if (text.empty()) return;
  if (!parts_.empty() && !parts_.back().symbolic) {
    parts_.back().text += text;
  } else {
    parts_.push_back({false, std::string(text)});
  }
}

const std::vector<SymbolicPart>* CompositeCache::parts(const std::string& name) {
  // An atomic name is told by its first characters, with nothing to remember.
  if (!name.starts_with("concat(")) return nullptr;
  auto it = parts_.find(std::string_view(name));
  if (it == parts_.end()) it = parts_.emplace(name, composite_parts(name)).first;
  return it->second ? &*it->second : nullptr;
}

void TextBuilder::add(const Value& v) {
  if (!v.is_symbolic()) {
    add_text(to_arm_text(v));
    return;
  }
  const std::string& name = v.symbolic_info().name;
  if (cache_) {
    if (const std::vector<SymbolicPart>* parts = cache_->parts(name)) {
      for (const SymbolicPart& p : *parts) {
        if (p.symbolic) {
          parts_.push_back({true, p.text});
        } else {
          add_text(p.text);
        }
      }
      return;
    }
  } else if (auto parts = composite_parts(name)) {
    for (SymbolicPart& p : *parts) {
      if (p.symbolic) {
        parts_.push_back({true, std::move(p.text)});
      } else {
        add_text(p.text);
      }
    }
    return;
  }
  parts_.push_back({true, name});
}

Value TextBuilder::finish() const {
  bool any_symbolic = false;
  for (const Part& p : parts_) any_symbolic |= p.symbolic;
  if (!any_symbolic) {
    std::string text;
    for (const Part& p : parts_) text += p.text;
    return Value::string(std::move(text));
  }
  if (parts_.size() == 1) return Value::symbolic(parts_[0].text);
  size_t size = 8;
  for (const Part& p : parts_) size += p.text.size() + 4;
  std::string name;
  name.reserve(size);
  name += "concat(";
  for (size_t i = 0; i < parts_.size(); ++i) {
    if (i) name += ", ";
    if (parts_[i].symbolic) {
      name += parts_[i].text;
    } else {
      append_quoted(name, parts_[i].text);
    }
  }
  name += ')';
  return Value::symbolic(std::move(name));
}

const char* arm_type_name(const Value& v) {
  switch (v.kind()) {
    case Kind::Null:
      return "Null";
    case Kind::Bool:
      return "Boolean";
    case Kind::Int:
      return "Integer";
    case Kind::Double:
      return "Float";
    case Kind::String:
    case Kind::Symbolic:
      return "String";
    case Kind::Array:
      return "Array";
    case Kind::Object:
      return "Object";
    case Kind::Unknown:
      return "Unknown";
  }
  return "?";
}

}  // namespace cmk::arm::expr
