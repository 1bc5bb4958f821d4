#pragma once
// Strings whose structure is known though some pieces are not. A composite symbolic value such as
// concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/',
// resourceGroup().name,
// '/providers/Microsoft.KeyVault/vaults/kv') is taken apart into literal and symbolic pieces, each
// symbolic piece with what is provable about it (the characters it can hold, its length). String
// functions use this to answer what the literal pieces decide — split(id, '/') and its segments,
// startsWith, indexOf, length — and fall back to symbolic or unknown otherwise. An answer is
// given only when it holds whatever values the symbolic pieces take at deployment.

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arm/expr/values.hpp"
#include "json/value.hpp"

namespace cmk::arm::expr {

// What is provable about the text of an atomic symbolic value, read from its name: a GUID has 36
// characters of [0-9a-fA-F-], uniqueString() 13 of [a-z2-7], a resource group name never holds
// '/', toLower(x) has x's length, ...
struct AtomFacts {
  std::bitset<256> chars;         // the bytes it may hold; all of them when nothing is known
  std::optional<int64_t> length;  // in characters, when fixed
  bool non_empty = false;
};
AtomFacts atom_facts(const std::string& name);

class SymbolicText {
 public:
  struct Piece {
    bool symbolic = false;
    std::string text;  // literal text, or the atomic symbolic name
    AtomFacts facts;   // symbolic pieces only
  };

  // The pieces of a String or Symbolic value; nullopt for any other kind. `cache`, when given,
  // takes composite values apart.
  static std::optional<SymbolicText> of(const json::Value& v, CompositeCache* cache = nullptr);
  // Back to a value: a String when no piece is symbolic, else a (composite) Symbolic.
  json::Value value() const;

  const std::vector<Piece>& pieces() const { return pieces_; }
  // The length in characters when every piece's length is known (literal pieces ASCII).
  std::optional<int64_t> length() const;

  // split() as ARM cuts the text, when no delimiter can occur in or across a symbolic piece.
  std::optional<json::Array> split(const std::vector<std::string>& delimiters) const;
  // Characters [start, start + count) (to the end without count), when the pieces up to the end
  // of that range have known lengths and the range provably lies within the text.
  std::optional<SymbolicText> slice(int64_t start, std::optional<int64_t> count) const;
  // indexOf / lastIndexOf ignoring case, when no earlier (later) match can involve a symbolic
  // piece.
  std::optional<int64_t> index_of(const std::string& needle, bool last) const;
  Tri starts_with(const std::string& prefix) const;  // ignoring case, as ARM does
  Tri ends_with(const std::string& suffix) const;    // ignoring case
  Tri contains(const std::string& needle) const;     // case-sensitive
  Tri is_empty() const;
  // False when the two texts provably differ (case-sensitive); Unknown otherwise.
  Tri equals(const SymbolicText& other) const;
  // toLower / toUpper piece by piece; a symbolic piece that cannot change stays as it is.
  SymbolicText change_case(bool upper) const;
  // replace(text, from, to) when no occurrence of `from` can touch a symbolic piece.
  std::optional<SymbolicText> replace(const std::string& from, const SymbolicText& to) const;
  // trim() when each end is literal, or a symbolic piece that cannot start (end) with white
  // space.
  std::optional<SymbolicText> trim() const;

 private:
  bool ascii() const;
  // Whether an occurrence of `text` could include characters of symbolic piece i.
  bool touchable(size_t i, const std::string& text, bool ignore_case) const;
  // No occurrence of any of `texts` can touch a symbolic piece: each lies within a literal one.
  bool confined(const std::vector<std::string>& texts, bool ignore_case) const;
  void append(Piece piece);

  std::vector<Piece> pieces_;
  json::Value original_;
};

// The pieces of `s` between delimiters, as ARM's split() cuts them: at each position the first
// delimiter (in the given order) that matches is taken; empty delimiters never match.
std::vector<std::string> split_text(std::string_view s, const std::vector<std::string>& delimiters);

}  // namespace cmk::arm::expr
