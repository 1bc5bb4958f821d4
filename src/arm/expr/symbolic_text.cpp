#include "arm/expr/symbolic_text.hpp"

#include <algorithm>

#include "arm/expr/parser.hpp"

namespace cmk::arm::expr {

using json::Value;

namespace {

using Chars = std::bitset<256>;

constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

Chars chars_of(std::initializer_list<std::string_view> sets) {
  Chars out;
  for (std::string_view set : sets) {
    for (unsigned char ch : set) out.set(ch);
  }
  return out;
}

Chars non_ascii() {
  Chars out;
  for (size_t b = 0x80; b < 256; ++b) out.set(b);
  return out;
}

bool is_upper(unsigned char ch) { return ch >= 'A' && ch <= 'Z'; }
bool is_lower(unsigned char ch) { return ch >= 'a' && ch <= 'z'; }
char to_lower_char(char ch) { return is_upper(ch) ? static_cast<char>(ch + 32) : ch; }
char to_upper_char(char ch) { return is_lower(ch) ? static_cast<char>(ch - 32) : ch; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = to_lower_char(ch);
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = to_upper_char(ch);
  return out;
}

// The bytes toLower(x) / toUpper(x) can hold when x holds `chars`. Beyond ASCII, Unicode case
// mapping may give any other non-ASCII character.
Chars case_mapped(const Chars& chars, bool to_upper) {
  Chars out;
  for (size_t b = 0; b < 128; ++b) {
    if (!chars[b]) continue;
    const auto ch = static_cast<char>(b);
    out.set(static_cast<unsigned char>(to_upper ? to_upper_char(ch) : to_lower_char(ch)));
  }
  if ((chars & non_ascii()).any()) out |= non_ascii();
  return out;
}

AtomFacts facts(Chars chars, std::optional<int64_t> length, bool non_empty) {
  return AtomFacts{chars, length, non_empty};
}

// Deployment-context values whose form Azure fixes.
AtomFacts guid_facts() { return facts(chars_of({kDigits, "abcdefABCDEF-"}), 36, true); }
// Resource group, deployment and management group names: letters, digits, '-', '_', '.', '(',
// ')' and other Unicode letters; never '/', ':', ' ' or quotes.
AtomFacts name_facts() {
  return facts(chars_of({kDigits, kLower, kUpper, "-_.()"}) | non_ascii(), std::nullopt, true);
}

// The facts of an argument of toLower(x), take(x, n), ...: an atom or a composite.
AtomFacts text_facts(const std::string& name) {
  auto parts = composite_parts(name);
  if (!parts) return atom_facts(name);
  AtomFacts out;
  int64_t length = 0;
  bool known = true;
  for (const SymbolicPart& p : *parts) {
    if (p.symbolic) {
      const AtomFacts f = atom_facts(p.text);
      out.chars |= f.chars;
      out.non_empty |= f.non_empty;
      if (f.length) {
        length += *f.length;
      } else {
        known = false;
      }
    } else {
      for (unsigned char ch : p.text) out.chars.set(ch);
      out.non_empty |= !p.text.empty();
      length += utf16_length(p.text);
    }
  }
  if (known) out.length = length;
  return out;
}

// toLower(x), toUpper(x), take(x, n), skip(x, n), substring(x, a[, n]): x's facts, transformed.
std::optional<AtomFacts> call_facts(const std::string& name) {
  static constexpr std::string_view kCalls[] = {"toLower(", "toUpper(", "take(", "skip(",
                                                "substring("};
  if (std::none_of(std::begin(kCalls), std::end(kCalls),
                   [&](std::string_view call) { return name.starts_with(call); })) {
    return std::nullopt;
  }
  const std::string bracketed = "[" + name + "]";
  ParseResult parsed = parse_expression(bracketed);
  if (!parsed.root || parsed.root->type != NodeType::Call || parsed.root->children.empty()) {
    return std::nullopt;
  }
  const Node& call = *parsed.root;
  const Node& arg = call.children[0];
  const AtomFacts inner = text_facts(bracketed.substr(arg.begin, arg.end - arg.begin));
  std::vector<int64_t> ints;
  for (size_t i = 1; i < call.children.size(); ++i) {
    if (call.children[i].type != NodeType::Integer) return std::nullopt;
    ints.push_back(call.children[i].integer);
  }
  const std::string fn = json::to_lower(call.text);
  AtomFacts out{inner.chars, std::nullopt, false};
  if ((fn == "tolower" || fn == "toupper") && ints.empty()) {
    out.chars = case_mapped(inner.chars, fn == "toupper");
    out.length = inner.length;
    out.non_empty = inner.non_empty;
  } else if (fn == "take" && ints.size() == 1) {
    const int64_t n = std::max<int64_t>(ints[0], 0);
    if (inner.length) out.length = std::min(n, *inner.length);
    out.non_empty = n > 0 && inner.non_empty;
  } else if ((fn == "skip" || fn == "substring") && ints.size() == 1) {
    const int64_t n = std::max<int64_t>(ints[0], 0);
    if (inner.length) out.length = std::max<int64_t>(*inner.length - n, 0);
  } else if (fn == "substring" && ints.size() == 2) {
    // A deployment that gets past substring() has exactly that many characters.
    out.length = std::max<int64_t>(ints[1], 0);
  } else {
    return std::nullopt;
  }
  if (out.length && *out.length > 0) out.non_empty = true;
  return out;
}

std::string atom_call(std::string_view function, const std::string& atom,
                      std::initializer_list<int64_t> ints) {
  std::vector<Value> args{Value::symbolic(atom)};
  for (int64_t i : ints) args.push_back(Value::integer(i));
  return symbolic_call(function, args).symbolic_info().name;
}

}  // namespace

AtomFacts atom_facts(const std::string& name) {
  if (name == "subscription().subscriptionId" || name == "subscription().tenantId" ||
      name == "deployer().objectId" || name == "deployer().tenantId") {
    return guid_facts();
  }
  // Identities Azure creates for resources of the template (model_resolver.cpp names them).
  if (name.starts_with("reference(") &&
      (name.ends_with(".principalId") || name.ends_with(".clientId") ||
       name.ends_with(".tenantId"))) {
    return guid_facts();
  }
  if (name == "resourceGroup().name" || name == "deployment().name" ||
      name == "managementGroup().name") {
    return name_facts();
  }
  // Azure gives a resource group's location as the region's short name ("westus2").
  if (name == "resourceGroup().location") return facts(chars_of({kDigits, kLower}), {}, true);
  if (name == "deployment().location") {
    return facts(chars_of({kDigits, kLower, kUpper, " "}), std::nullopt, true);
  }
  if (name.starts_with("uniqueString(")) return facts(chars_of({kLower, "234567"}), 13, true);
  // The version Key Vault gives a key (model_resolver.cpp names it): 32 hexadecimal characters
  // ("Object identifiers", Key Vault keys, secrets and certificates overview).
  if (name.starts_with("keyVersion(")) return facts(chars_of({kDigits, "abcdef"}), 32, true);
  if (name.starts_with("guid(")) return facts(chars_of({kDigits, "abcdef-"}), 36, true);
  if (auto f = call_facts(name)) return *f;
  Chars any;
  any.set();
  return facts(any, std::nullopt, false);
}

std::vector<std::string> split_text(std::string_view s,
                                    const std::vector<std::string>& delimiters) {
  std::vector<std::string> parts;
  size_t start = 0, pos = 0;
  while (pos <= s.size()) {
    size_t matched = 0;
    for (const std::string& d : delimiters) {
      if (!d.empty() && s.compare(pos, d.size(), d) == 0) {
        matched = d.size();
        break;
      }
    }
    if (matched) {
      parts.emplace_back(s.substr(start, pos - start));
      pos += matched;
      start = pos;
    } else {
      ++pos;
    }
  }
  parts.emplace_back(s.substr(start));
  return parts;
}

std::optional<SymbolicText> SymbolicText::of(const Value& v, CompositeCache* cache) {
  SymbolicText t;
  t.original_ = v;
  if (v.is_string()) {
    t.append(Piece{false, v.as_string(), {}});
    return t;
  }
  if (!v.is_symbolic()) return std::nullopt;
  const std::string& name = v.symbolic_info().name;
  if (cache) {
    if (const std::vector<SymbolicPart>* parts = cache->parts(name)) {
      for (const SymbolicPart& p : *parts) {
        AtomFacts f = p.symbolic ? atom_facts(p.text) : AtomFacts{};
        t.append(Piece{p.symbolic, p.text, f});
      }
      return t;
    }
  } else if (auto parts = composite_parts(name)) {
    for (SymbolicPart& p : *parts) {
      AtomFacts f = p.symbolic ? atom_facts(p.text) : AtomFacts{};
      t.append(Piece{p.symbolic, std::move(p.text), f});
    }
    return t;
  }
  t.pieces_.push_back(Piece{true, name, atom_facts(name)});
  return t;
}

void SymbolicText::append(Piece piece) {
  if (!piece.symbolic && piece.text.empty()) return;
  if (!piece.symbolic && !pieces_.empty() && !pieces_.back().symbolic) {
    pieces_.back().text += piece.text;
    return;
  }
  pieces_.push_back(std::move(piece));
}

Value SymbolicText::value() const {
  TextBuilder b;
  for (const Piece& p : pieces_) {
    if (p.symbolic) {
      b.add(Value::symbolic(p.text));
    } else {
      b.add_text(p.text);
    }
  }
  Value v = b.finish();
  // The same value keeps what the original carries besides its name (Azure-generated IDs).
  if (v.is_symbolic() && original_.is_symbolic() &&
      v.symbolic_info().name == original_.symbolic_info().name) {
    return original_;
  }
  return v;
}

bool SymbolicText::ascii() const {
  for (const Piece& p : pieces_) {
    if (p.symbolic) continue;
    for (unsigned char ch : p.text) {
      if (ch >= 0x80) return false;
    }
  }
  return true;
}

std::optional<int64_t> SymbolicText::length() const {
  int64_t total = 0;
  for (const Piece& p : pieces_) {
    if (!p.symbolic) {
      total += utf16_length(p.text);
    } else if (p.facts.length) {
      total += *p.facts.length;
    } else {
      return std::nullopt;
    }
  }
  return total;
}

// An occurrence of `text` that touches symbolic piece P either starts inside P (its first
// character is one P may hold), ends inside P (its last character), or covers P whole, which for
// a piece between two others takes a run of at least P's length of characters P may hold. A piece
// that may be empty could be spanned by any text longer than one character.
bool SymbolicText::touchable(size_t i, const std::string& text, bool ignore_case) const {
  const Piece& p = pieces_[i];
  if (!p.symbolic || text.empty()) return false;
  auto holds = [&](char ch) {
    if (p.facts.chars[static_cast<unsigned char>(ch)]) return true;
    return ignore_case && (p.facts.chars[static_cast<unsigned char>(to_lower_char(ch))] ||
                           p.facts.chars[static_cast<unsigned char>(to_upper_char(ch))]);
  };
  if (holds(text.front()) || holds(text.back())) return true;
  if (text.size() > 1 && !p.facts.non_empty) return true;
  if (i == 0 || i + 1 == pieces_.size()) return false;
  const int64_t min_length = p.facts.length.value_or(1);
  int64_t run = 0;
  for (char ch : text) {
    run = holds(ch) ? run + 1 : 0;
    if (run >= min_length) return true;
  }
  return false;
}

bool SymbolicText::confined(const std::vector<std::string>& texts, bool ignore_case) const {
  for (size_t i = 0; i < pieces_.size(); ++i) {
    for (const std::string& t : texts) {
      if (touchable(i, t, ignore_case)) return false;
    }
  }
  return true;
}

std::optional<json::Array> SymbolicText::split(const std::vector<std::string>& delimiters) const {
  if (!confined(delimiters, false)) return std::nullopt;
  json::Array out;
  TextBuilder segment;
  bool cut = false;
  for (const Piece& p : pieces_) {
    if (p.symbolic) {
      segment.add(Value::symbolic(p.text));
      continue;
    }
    const std::vector<std::string> parts = split_text(p.text, delimiters);
    segment.add_text(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      out.push_back(segment.finish());
      segment = TextBuilder();
      segment.add_text(parts[i]);
      cut = true;
    }
  }
  if (!cut) return json::Array{value()};
  out.push_back(segment.finish());
  return out;
}

std::optional<SymbolicText> SymbolicText::slice(int64_t start, std::optional<int64_t> count) const {
  if (!ascii() || start < 0 || (count && *count < 0)) return std::nullopt;
  const std::optional<int64_t> end =
      count ? std::optional<int64_t>(start + *count) : std::optional<int64_t>();
  SymbolicText out;
  int64_t pos = 0;
  for (size_t i = 0; i < pieces_.size(); ++i) {
    if (end && pos >= *end) return out;
    const Piece& p = pieces_[i];
    const std::optional<int64_t> len =
        p.symbolic ? p.facts.length : std::optional<int64_t>(static_cast<int64_t>(p.text.size()));
    if (!len) {
      // A piece of unknown length can only be taken whole, with everything after it.
      if (end || start > pos) return std::nullopt;
      for (size_t j = i; j < pieces_.size(); ++j) out.append(pieces_[j]);
      return out;
    }
    const int64_t from = std::max(start, pos);
    const int64_t to = end ? std::min(*end, pos + *len) : pos + *len;
    if (from < to) {
      const int64_t offset = from - pos, n = to - from;
      if (!p.symbolic) {
        out.append(
            Piece{false, p.text.substr(static_cast<size_t>(offset), static_cast<size_t>(n)), {}});
      } else if (n == *len) {
        out.append(p);
      } else {
        // take(x, n) for a prefix, so substring(x, 0, n) and take(x, n) are one value.
        const std::string name = offset == 0 ? atom_call("take", p.text, {n})
                                             : atom_call("substring", p.text, {offset, n});
        out.append(Piece{true, name, AtomFacts{p.facts.chars, n, n > 0}});
      }
    }
    pos += *len;
  }
  if (start > pos || (end && *end > pos)) return std::nullopt;
  return out;
}

std::optional<int64_t> SymbolicText::index_of(const std::string& needle, bool last) const {
  if (!ascii()) return std::nullopt;
  const std::string n = lower(needle);
  if (n.empty()) return last ? length() : std::optional<int64_t>(0);
  // Offsets of the pieces, known up to the first piece of unknown length.
  std::vector<std::optional<int64_t>> offsets;
  std::optional<int64_t> pos = 0;
  for (const Piece& p : pieces_) {
    offsets.push_back(pos);
    const std::optional<int64_t> len =
        p.symbolic ? p.facts.length : std::optional<int64_t>(static_cast<int64_t>(p.text.size()));
    pos = pos && len ? std::optional<int64_t>(*pos + *len) : std::nullopt;
  }
  // The first match in a literal piece is the first of all when no match can touch a symbolic
  // piece before it (for lastIndexOf: after it).
  const size_t count = pieces_.size();
  for (size_t k = 0; k < count; ++k) {
    const size_t i = last ? count - 1 - k : k;
    const Piece& p = pieces_[i];
    if (p.symbolic) {
      if (touchable(i, needle, true)) return std::nullopt;
      continue;
    }
    const std::string text = lower(p.text);
    const size_t hit = last ? text.rfind(n) : text.find(n);
    if (hit != std::string::npos) {
      if (!offsets[i]) return std::nullopt;
      return *offsets[i] + static_cast<int64_t>(hit);
    }
  }
  return -1;
}

namespace {

// Decides a case-insensitive prefix test from the first literal piece and the facts of the
// symbolic piece after it; `pieces` is read from the end for a suffix test.
template <typename Pieces>
Tri affix(const Pieces& pieces, size_t size, const std::string& affix_text, bool suffix) {
  std::string p = lower(affix_text);
  if (suffix) std::reverse(p.begin(), p.end());
  if (p.empty()) return Tri::True;
  if (size == 0) return Tri::False;
  const SymbolicText::Piece& first = pieces(0);
  std::string lit = first.symbolic ? std::string() : lower(first.text);
  if (suffix) std::reverse(lit.begin(), lit.end());
  const size_t k = std::min(lit.size(), p.size());
  if (lit.compare(0, k, p, 0, k) != 0) return Tri::False;
  if (lit.size() >= p.size()) return Tri::True;
  const size_t next = first.symbolic ? 0 : 1;
  if (next >= size) return Tri::False;  // the whole text is shorter than the affix
  const SymbolicText::Piece& sym = pieces(next);
  const char ch = p[lit.size()];
  if (sym.facts.non_empty && !sym.facts.chars[static_cast<unsigned char>(ch)] &&
      !sym.facts.chars[static_cast<unsigned char>(to_upper_char(ch))]) {
    return Tri::False;
  }
  return Tri::Unknown;
}

}  // namespace

Tri SymbolicText::starts_with(const std::string& prefix) const {
  return affix([this](size_t i) -> const Piece& { return pieces_[i]; }, pieces_.size(), prefix,
               false);
}

Tri SymbolicText::ends_with(const std::string& suffix) const {
  const size_t n = pieces_.size();
  return affix([this, n](size_t i) -> const Piece& { return pieces_[n - 1 - i]; }, n, suffix, true);
}

Tri SymbolicText::contains(const std::string& needle) const {
  if (needle.empty()) return Tri::True;
  for (const Piece& p : pieces_) {
    if (!p.symbolic && p.text.find(needle) != std::string::npos) return Tri::True;
  }
  return confined({needle}, false) ? Tri::False : Tri::Unknown;
}

Tri SymbolicText::is_empty() const {
  for (const Piece& p : pieces_) {
    if (!p.symbolic || p.facts.non_empty) return Tri::False;
  }
  return pieces_.empty() ? Tri::True : Tri::Unknown;
}

namespace {

// False when the literal text at one end of `a` and `b` differs, or one text's literal end runs
// on where the other continues with a symbolic piece that cannot hold the next character.
template <typename At>
bool ends_differ(At a, size_t a_size, At b, size_t b_size, bool reversed) {
  auto lead = [reversed](const SymbolicText::Piece* p) {
    std::string s = p && !p->symbolic ? p->text : std::string();
    if (reversed) std::reverse(s.begin(), s.end());
    return s;
  };
  const std::string la = lead(a_size ? &a(0) : nullptr);
  const std::string lb = lead(b_size ? &b(0) : nullptr);
  const size_t k = std::min(la.size(), lb.size());
  if (la.compare(0, k, lb, 0, k) != 0) return true;
  if (la.size() == lb.size()) return false;
  const bool a_shorter = la.size() < lb.size();
  const size_t size = a_shorter ? a_size : b_size;
  const size_t next = (a_shorter ? la : lb).empty() ? 0 : 1;
  if (next >= size) return true;  // one text ends where the other still has literal text
  const SymbolicText::Piece& sym = a_shorter ? a(next) : b(next);
  const char ch = (a_shorter ? lb : la)[k];
  return sym.facts.non_empty && !sym.facts.chars[static_cast<unsigned char>(ch)];
}

// The fewest characters a text can have.
int64_t min_length(const std::vector<SymbolicText::Piece>& pieces) {
  int64_t n = 0;
  for (const SymbolicText::Piece& p : pieces) {
    if (!p.symbolic) {
      n += utf16_length(p.text);
    } else {
      n += p.facts.length ? *p.facts.length : (p.facts.non_empty ? 1 : 0);
    }
  }
  return n;
}

}  // namespace

Tri SymbolicText::equals(const SymbolicText& other) const {
  const auto& a = pieces_;
  const auto& b = other.pieces_;
  auto front = [](const std::vector<Piece>& v) {
    return [&v](size_t i) -> const Piece& { return v[i]; };
  };
  auto back = [](const std::vector<Piece>& v) {
    return [&v](size_t i) -> const Piece& { return v[v.size() - 1 - i]; };
  };
  if (ends_differ(front(a), a.size(), front(b), b.size(), false)) return Tri::False;
  if (ends_differ(back(a), a.size(), back(b), b.size(), true)) return Tri::False;
  const std::optional<int64_t> la = length(), lb = other.length();
  if (la && min_length(b) > *la) return Tri::False;
  if (lb && min_length(a) > *lb) return Tri::False;
  return Tri::Unknown;
}

SymbolicText SymbolicText::change_case(bool to_upper) const {
  SymbolicText out;
  for (const Piece& p : pieces_) {
    if (!p.symbolic) {
      out.append(Piece{false, to_upper ? upper(p.text) : lower(p.text), {}});
      continue;
    }
    // A piece without letters of the other case (a uniqueString, toLower(x)) cannot change.
    const Chars changing =
        to_upper ? chars_of({kLower}) | non_ascii() : chars_of({kUpper}) | non_ascii();
    const std::string own = to_upper ? "toUpper(" : "toLower(";
    if (!(p.facts.chars & changing).any() || p.text.starts_with(own)) {
      out.append(p);
      continue;
    }
    const std::string name = atom_call(to_upper ? "toUpper" : "toLower", p.text, {});
    out.append(Piece{true, name, atom_facts(name)});
  }
  return out;
}

std::optional<SymbolicText> SymbolicText::replace(const std::string& from,
                                                  const SymbolicText& to) const {
  if (from.empty()) return *this;
  if (!confined({from}, false)) return std::nullopt;
  SymbolicText out;
  for (const Piece& p : pieces_) {
    if (p.symbolic) {
      out.append(p);
      continue;
    }
    const std::vector<std::string> parts = split_text(p.text, {from});
    out.append(Piece{false, parts[0], {}});
    for (size_t i = 1; i < parts.size(); ++i) {
      for (const Piece& q : to.pieces_) out.append(q);
      out.append(Piece{false, parts[i], {}});
    }
  }
  return out;
}

namespace {

bool is_white(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

// A symbolic piece that is sure not to begin or end with white space. Beyond ASCII, .NET's
// Trim() also removes Unicode spaces, so such pieces must be ASCII.
bool trim_safe(const SymbolicText::Piece& p) {
  return p.symbolic && p.facts.non_empty && !(p.facts.chars & chars_of({" \t\n\r\v\f"})).any() &&
         !(p.facts.chars & non_ascii()).any();
}

}  // namespace

std::optional<SymbolicText> SymbolicText::trim() const {
  std::vector<Piece> pieces = pieces_;
  for (int end = 0; end < 2 && !pieces.empty(); ++end) {
    const bool front = end == 0;
    Piece& p = front ? pieces.front() : pieces.back();
    if (!p.symbolic) {
      std::string& t = p.text;
      if (front) {
        t.erase(0, std::find_if_not(t.begin(), t.end(), is_white) - t.begin());
      } else {
        t.erase(std::find_if_not(t.rbegin(), t.rend(), is_white).base() - t.begin());
      }
      if (!t.empty()) continue;
      // All white: the piece beside it is now the end.
      pieces.erase(front ? pieces.begin() : pieces.end() - 1);
      if (pieces.empty()) continue;
    }
    if (!trim_safe(front ? pieces.front() : pieces.back())) return std::nullopt;
  }
  SymbolicText out;
  for (Piece& p : pieces) out.append(std::move(p));
  return out;
}

}  // namespace cmk::arm::expr
