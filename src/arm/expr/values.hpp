#pragma once
// Value helpers shared by the evaluator and the function library: three-valued logic, the text
// ARM gives a value in string()/concat()/format(), and symbolic values built from symbolic
// operands.
//
// Symbolic values carry a canonical ARM expression as their name, so two symbolic values are
// equal exactly when they are the same computation on the same deployment-context values:
//   atomic:    "resourceGroup().location", "uniqueString(resourceGroup().id)"
//   composite: "concat('kv-', uniqueString(resourceGroup().id))" (string concatenation, flattened,
//              adjacent literals merged, so concat() and format() of the same parts are equal)
// symbolic_text.hpp takes composites apart for the string functions.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "json/value.hpp"

namespace cmk::arm::expr {

enum class Tri : uint8_t { False, True, Unknown };

inline Tri tri(bool b) { return b ? Tri::True : Tri::False; }

// The first Unknown inside v (depth first, v itself included), or nullptr.
const json::Value* find_unknown(const json::Value& v);
// The first Symbolic inside v, or nullptr.
const json::Value* find_symbolic(const json::Value& v);

// ARM equality: strings case-sensitive, numbers by value, arrays in order, object member names
// case-insensitive. Unknown when an undecided part (unknown, or symbolic against anything but the
// same symbolic) could change the answer.
Tri deep_equals(const json::Value& a, const json::Value& b);

// The text ARM uses for a scalar or container in concat(), format(), string(): strings as is,
// booleans "True"/"False", integers in decimal, null as "", arrays and objects as compact JSON.
// Requires a value without unknown or symbolic parts.
std::string to_arm_text(const json::Value& v);

// Compact JSON as Azure writes it (Newtonsoft, no spaces).
std::string to_compact_json(const json::Value& v);

// The ARM expression text of a concrete or symbolic value: 'text', 12, true, null,
// json('...') for containers, the name for a symbolic value.
std::string render_as_expression(const json::Value& v);

// A symbolic value standing for fn(args...), e.g. uniqueString(resourceGroup().id).
json::Value symbolic_call(std::string_view function, const std::vector<json::Value>& args);

// Parts of a composite symbolic name; nullopt when the name is atomic.
struct SymbolicPart {
  bool symbolic = false;
  std::string text;
};
std::optional<std::vector<SymbolicPart>> composite_parts(const std::string& name);

// composite_parts() once per name, for one template's evaluation: the same composite value (a
// vault's ID, a storage account's name) is taken apart each time concat(), resourceId(), split()
// and the like are given it.
class CompositeCache {
 public:
  // The parts of a composite name; nullptr when the name is atomic. Valid as long as the cache.
  const std::vector<SymbolicPart>* parts(const std::string& name);

 private:
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::unordered_map<std::string, std::optional<std::vector<SymbolicPart>>, TextHash,
                     std::equal_to<>>
      parts_;
};

// Builds a string that may have symbolic parts: a String when every part is concrete, else a
// composite Symbolic (see above).
class TextBuilder {
 public:
  // `cache`, when given, takes composite values apart (it must outlive the builder).
  explicit TextBuilder(CompositeCache* cache = nullptr) : cache_(cache) {}
  void add_text(std::string_view text);
  // Strings and scalars are added as their ARM text; a Symbolic as a part. Requires no Unknown.
  void add(const json::Value& v);
  json::Value finish() const;

 private:
  struct Part {
    bool symbolic = false;
    std::string text;  // literal text, or the atomic symbolic name
  };
  std::vector<Part> parts_;
  CompositeCache* cache_ = nullptr;
};

// The length .NET gives a string: UTF-16 code units (a 4-byte UTF-8 sequence counts 2).
int64_t utf16_length(std::string_view s);

// Quotes text as an ARM string literal ('it''s').
std::string quote(std::string_view text);

// The ARM type name used in messages ("String", "Integer", "Object", ...).
const char* arm_type_name(const json::Value& v);

}  // namespace cmk::arm::expr
