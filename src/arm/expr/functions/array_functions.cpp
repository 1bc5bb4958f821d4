// Array functions, and the functions that take a string, an array or an object alike
// (contains, empty, first, last, indexOf, length, skip, take, concat):
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-array

#include "arm/expr/functions/helpers.hpp"
#include "arm/expr/symbolic_text.hpp"

namespace cmk::arm::expr {
namespace fn {

Outcome concat_strings(Call& c);  // string_functions.cpp

namespace {

// A Tri answered about a symbolic string, or the unknown naming it when undecided.
Outcome decided(Call& c, Tri t, const Value& symbolic) {
  if (t == Tri::Unknown) return blocked(c, symbolic);
  return Value::boolean(t == Tri::True);
}

Outcome array_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_unknown()) return v;
  if (v.is_array()) return v;
  return Value::array({v});
}

Outcome create_array_fn(Call& c) { return Value::array(std::move(c.args)); }

Outcome concat_fn(Call& c) {
  bool arrays = false;
  for (const Value& a : c.args) {
    if (a.is_unknown()) return a;
    if (a.is_array()) arrays = true;
  }
  if (!arrays) {
    if (const Value* u = first_unknown(c)) return *u;
    return concat_strings(c);
  }
  json::Array out;
  for (size_t i = 0; i < c.args.size(); ++i) {
    const Value& a = c.args[i];
    if (a.is_null()) continue;
    if (!a.is_array()) return type_error(c, i, "an Array, as the other arguments are");
    for (const Value& item : a.items()) out.push_back(item);
  }
  return Value::array(std::move(out));
}

Outcome contains_fn(Call& c) {
  const Value& container = c.args[0];
  const Value& item = c.args[1];
  if (container.is_unknown()) return container;
  if (container.is_string() || container.is_symbolic()) {
    if (const Value* u = find_unknown(item)) return *u;
    if (const Value* s = find_symbolic(item)) return blocked(c, *s);
    const std::string needle = to_arm_text(item);
    if (container.is_symbolic()) {
      return decided(c, SymbolicText::of(container, c.composites())->contains(needle), container);
    }
    return Value::boolean(container.as_string().find(needle) != std::string::npos);
  }
  if (container.is_object()) {
    if (item.is_unknown()) return item;
    if (item.is_symbolic()) return blocked(c, item);
    if (!item.is_string()) return type_error(c, 1, "a String");
    return Value::boolean(container.find(item.as_string()) != nullptr);
  }
  if (container.is_array()) {
    const Value* undecided = nullptr;
    for (const Value& element : container.items()) {
      const Tri t = deep_equals(element, item);
      if (t == Tri::True) return Value::boolean(true);
      if (t == Tri::Unknown && !undecided) undecided = &element;
    }
    if (undecided) {
      if (item.is_unknown()) return item;
      if (undecided->is_unknown()) return *undecided;
      return c.unknown("contains() compares values not known before deployment");
    }
    return Value::boolean(false);
  }
  if (container.is_null()) return Value::boolean(false);
  return type_error(c, 0, "a String, an Array or an Object");
}

Outcome empty_fn(Call& c) {
  const Value& v = c.args[0];
  switch (v.kind()) {
    case json::Kind::Unknown:
      return v;
    case json::Kind::Symbolic:
      return decided(c, SymbolicText::of(v, c.composites())->is_empty(), v);
    case json::Kind::Null:
      return Value::boolean(true);
    case json::Kind::String:
      return Value::boolean(v.as_string().empty());
    case json::Kind::Array:
      return Value::boolean(v.items().empty());
    case json::Kind::Object:
      return Value::boolean(v.members().empty());
    default:
      return type_error(c, 0, "a String, an Array, an Object or null");
  }
}

Outcome length_fn(Call& c) {
  const Value& v = c.args[0];
  switch (v.kind()) {
    case json::Kind::Unknown:
      return v;
    case json::Kind::Symbolic:
      if (auto n = SymbolicText::of(v, c.composites())->length()) return Value::integer(*n);
      return blocked(c, v);
    case json::Kind::String:
      return Value::integer(utf16_length(v.as_string()));
    case json::Kind::Array:
      return Value::integer(static_cast<int64_t>(v.items().size()));
    case json::Kind::Object:
      return Value::integer(static_cast<int64_t>(v.members().size()));
    case json::Kind::Null:
      return Value::integer(0);
    default:
      return type_error(c, 0, "a String, an Array or an Object");
  }
}

Outcome first_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_unknown()) return v;
  if (v.is_symbolic()) {
    if (auto head = SymbolicText::of(v, c.composites())->slice(0, 1)) return head->value();
    return blocked(c, v);
  }
  if (v.is_array()) return v.items().empty() ? Value::null() : v.items().front();
  if (v.is_string()) {
    return Value::string(v.as_string().empty() ? "" : v.as_string().substr(0, 1));
  }
  if (v.is_null()) return Value::null();
  return type_error(c, 0, "an Array or a String");
}

Outcome last_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_unknown()) return v;
  if (v.is_symbolic()) {
    const SymbolicText text = *SymbolicText::of(v, c.composites());
    const auto& pieces = text.pieces();
    const SymbolicText::Piece& end = pieces.back();
    if (!end.symbolic && static_cast<unsigned char>(end.text.back()) < 0x80) {
      return Value::string(end.text.substr(end.text.size() - 1));
    }
    const std::optional<int64_t> n = text.length();
    if (n && *n > 0) {
      if (auto tail = text.slice(*n - 1, 1)) return tail->value();
    }
    return blocked(c, v);
  }
  if (v.is_array()) return v.items().empty() ? Value::null() : v.items().back();
  if (v.is_string()) {
    return Value::string(v.as_string().empty() ? ""
                                               : v.as_string().substr(v.as_string().size() - 1));
  }
  if (v.is_null()) return Value::null();
  return type_error(c, 0, "an Array or a String");
}

// indexFromEnd(array, n) and tryIndexFromEnd(array, n, path...): n counts from 1 at the last
// element. The try form is Bicep's array[?^n]: null out of range, then the rest of the chain
// (keys, indexes, {value, fromEnd} objects) followed as tryGet follows it.
Outcome index_from_end_impl(Call& c, bool safe) {
  const Value& v = c.args[0];
  const Value& n_v = c.args[1];
  if (v.is_unknown()) return v;
  if (n_v.is_unknown()) return n_v;
  if (!v.is_array()) return type_error(c, 0, "an Array");
  int64_t n = 0;
  if (!int_arg(n_v, n)) return type_error(c, 1, "an Integer");
  const auto size = static_cast<int64_t>(v.items().size());
  if (n < 1 || n > size) {
    if (safe) return Value::null();
    return c.error("index " + std::to_string(n) +
                   " from the end is out of range for an array of length " + std::to_string(size));
  }
  Value item = v.items()[static_cast<size_t>(size - n)];
  return safe ? safe_path(c, std::move(item), 2) : Outcome(std::move(item));
}

Outcome index_from_end_fn(Call& c) { return index_from_end_impl(c, false); }
Outcome try_index_from_end_fn(Call& c) { return index_from_end_impl(c, true); }

Outcome index_of_impl(Call& c, bool last) {
  const Value& container = c.args[0];
  const Value& item = c.args[1];
  if (container.is_unknown()) return container;
  if (container.is_string() || container.is_symbolic()) {
    if (item.is_unknown()) return item;
    if (item.is_symbolic()) return blocked(c, item);
    if (!item.is_string()) return type_error(c, 1, "a String");
    if (container.is_symbolic()) {
      if (auto i = SymbolicText::of(container, c.composites())->index_of(item.as_string(), last)) {
        return Value::integer(*i);
      }
      return blocked(c, container);
    }
    // ARM compares ignoring case here.
    const std::string s = lower(container.as_string());
    const std::string n = lower(item.as_string());
    const size_t pos = last ? s.rfind(n) : s.find(n);
    return Value::integer(pos == std::string::npos ? -1 : static_cast<int64_t>(pos));
  }
  if (!container.is_array()) return type_error(c, 0, "an Array or a String");
  const auto& items = container.items();
  const size_t n = items.size();
  for (size_t k = 0; k < n; ++k) {
    const size_t i = last ? n - 1 - k : k;
    const Tri t = deep_equals(items[i], item);
    if (t == Tri::True) return Value::integer(static_cast<int64_t>(i));
    if (t == Tri::Unknown) {
      return items[i].is_unknown() ? items[i]
             : item.is_unknown()
                 ? item
                 : c.unknown("indexOf() compares values not known before deployment");
    }
  }
  return Value::integer(-1);
}

Outcome index_of_fn(Call& c) { return index_of_impl(c, false); }
Outcome last_index_of_fn(Call& c) { return index_of_impl(c, true); }

// skip/take of a composite: exact when its length is known, or when the cut falls within the
// pieces of known length at its start.
std::optional<SymbolicText> symbolic_skip_take(const SymbolicText& text, int64_t n, bool take) {
  const std::optional<int64_t> size = text.length();
  if (size && n >= *size) {
    return take ? text : *SymbolicText::of(Value::string(""));
  }
  if (take) return n == 0 ? SymbolicText::of(Value::string("")) : text.slice(0, n);
  return n == 0 ? std::optional<SymbolicText>(text) : text.slice(n, std::nullopt);
}

Outcome skip_take(Call& c, bool take) {
  const Value& v = c.args[0];
  const Value& n_v = c.args[1];
  if (n_v.is_unknown()) return n_v;
  int64_t n = 0;
  if (!int_arg(n_v, n)) return type_error(c, 1, "an Integer");
  if (v.is_unknown()) return v;
  if (n < 0) n = 0;
  if (v.is_symbolic()) {
    if (auto part = symbolic_skip_take(*SymbolicText::of(v, c.composites()), n, take))
      return part->value();
    return symbolic_call(take ? "take" : "skip", c.args);
  }
  if (v.is_array()) {
    const auto& items = v.items();
    const size_t k = std::min<size_t>(static_cast<size_t>(n), items.size());
    json::Array out = take ? json::Array(items.begin(), items.begin() + static_cast<long>(k))
                           : json::Array(items.begin() + static_cast<long>(k), items.end());
    return Value::array(std::move(out));
  }
  if (v.is_string()) {
    const std::string& s = v.as_string();
    const size_t k = std::min<size_t>(static_cast<size_t>(n), s.size());
    return Value::string(take ? s.substr(0, k) : s.substr(k));
  }
  if (v.is_null()) return Value::array();  // taking from or skipping into nothing
  return type_error(c, 0, "an Array or a String");
}

Outcome skip_fn(Call& c) { return skip_take(c, false); }
Outcome take_fn(Call& c) { return skip_take(c, true); }

Outcome range_fn(Call& c) {
  int64_t start = 0, count = 0;
  if (!int_arg(c.args[0], start)) return type_error(c, 0, "an Integer");
  if (!int_arg(c.args[1], count)) return type_error(c, 1, "an Integer");
  if (count < 0 || count > 10000) {
    return c.error("range() count must be between 0 and 10000, got " + std::to_string(count));
  }
  json::Array out;
  for (int64_t i = 0; i < count; ++i) out.push_back(Value::integer(start + i));
  return Value::array(std::move(out));
}

Outcome flatten_fn(Call& c) {
  const Value& v = c.args[0];
  if (v.is_unknown()) return v;
  if (!v.is_array()) return type_error(c, 0, "an Array");
  json::Array out;
  for (const Value& inner : v.items()) {
    if (inner.is_unknown()) return inner;
    if (!inner.is_array()) return c.error("flatten() expects an array of arrays");
    for (const Value& item : inner.items()) out.push_back(item);
  }
  return Value::array(std::move(out));
}

// Adds `item` unless an equal element is already there; an undecidable comparison keeps it.
void add_distinct(json::Array& out, const Value& item) {
  for (const Value& existing : out) {
    if (deep_equals(existing, item) == Tri::True) return;
  }
  out.push_back(item);
}

void merge_into(Value& target, const Value& source) {
  for (const json::Member& m : source.members()) {
    Value* existing = target.find(m.key);
    if (existing && existing->is_object() && m.value.is_object()) {
      merge_into(*existing, m.value);
    } else {
      target.set(m.key, m.value, m.key_offset);
    }
  }
}

Outcome union_fn(Call& c) {
  for (const Value& a : c.args) {
    if (a.is_unknown()) return a;
  }
  if (c.args[0].is_object() || c.args[0].is_null()) {
    Value out = Value::object();
    for (size_t i = 0; i < c.args.size(); ++i) {
      if (c.args[i].is_null()) continue;
      if (!c.args[i].is_object()) return type_error(c, i, "an Object");
      merge_into(out, c.args[i]);
    }
    return out;
  }
  json::Array out;
  for (size_t i = 0; i < c.args.size(); ++i) {
    if (c.args[i].is_null()) continue;
    if (!c.args[i].is_array()) return type_error(c, i, "an Array");
    for (const Value& item : c.args[i].items()) add_distinct(out, item);
  }
  return Value::array(std::move(out));
}

Outcome intersection_fn(Call& c) {
  if (const Value* u = first_unknown(c)) return *u;
  if (c.args[0].is_object()) {
    Value out = Value::object();
    for (const json::Member& m : c.args[0].members()) {
      bool everywhere = true;
      for (size_t i = 1; i < c.args.size() && everywhere; ++i) {
        if (!c.args[i].is_object()) return type_error(c, i, "an Object");
        const Value* other = c.args[i].find(m.key);
        everywhere = other && deep_equals(*other, m.value) == Tri::True;
      }
      if (everywhere) out.set(m.key, m.value, m.key_offset);
    }
    return out;
  }
  if (!c.args[0].is_array()) return type_error(c, 0, "an Array or an Object");
  json::Array out;
  for (const Value& item : c.args[0].items()) {
    bool everywhere = true;
    for (size_t i = 1; i < c.args.size() && everywhere; ++i) {
      if (!c.args[i].is_array()) return type_error(c, i, "an Array");
      bool found = false;
      for (const Value& other : c.args[i].items()) {
        if (deep_equals(other, item) == Tri::True) {
          found = true;
          break;
        }
      }
      everywhere = found;
    }
    if (everywhere) add_distinct(out, item);
  }
  return Value::array(std::move(out));
}

}  // namespace
}  // namespace fn

void register_array_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  out.push_back({"array", 1, 1, ArgMode::Tolerant, false, array_fn});
  out.push_back({"concat", 0, kVariadic, ArgMode::Tolerant, false, concat_fn});
  out.push_back({"contains", 2, 2, ArgMode::Tolerant, false, contains_fn});
  out.push_back({"createArray", 0, kVariadic, ArgMode::Tolerant, false, create_array_fn});
  out.push_back({"empty", 1, 1, ArgMode::Tolerant, false, empty_fn});
  out.push_back({"first", 1, 1, ArgMode::Tolerant, false, first_fn});
  out.push_back({"flatten", 1, 1, ArgMode::Tolerant, false, flatten_fn});
  out.push_back({"indexFromEnd", 2, 2, ArgMode::Tolerant, false, index_from_end_fn});
  out.push_back({"indexOf", 2, 2, ArgMode::Tolerant, false, index_of_fn});
  out.push_back({"intersection", 2, kVariadic, ArgMode::Strict, false, intersection_fn});
  out.push_back({"last", 1, 1, ArgMode::Tolerant, false, last_fn});
  out.push_back({"lastIndexOf", 2, 2, ArgMode::Tolerant, false, last_index_of_fn});
  out.push_back({"length", 1, 1, ArgMode::Tolerant, false, length_fn});
  out.push_back({"range", 2, 2, ArgMode::Strict, false, range_fn});
  out.push_back({"skip", 2, 2, ArgMode::Tolerant, false, skip_fn});
  out.push_back({"take", 2, 2, ArgMode::Tolerant, false, take_fn});
  out.push_back({"tryIndexFromEnd", 2, kVariadic, ArgMode::Tolerant, false, try_index_from_end_fn});
  out.push_back({"union", 1, kVariadic, ArgMode::Tolerant, false, union_fn});
}

}  // namespace cmk::arm::expr
