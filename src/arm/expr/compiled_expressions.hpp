#pragma once
// Expression texts compiled once for all the scopes of one file that resolve user-defined
// functions alike: every instance of a nested template in a copy loop, or of a module deployed
// several times, evaluates the same texts. What a text compiles to depends only on the text and
// on the user functions its calls may name, so the cache is kept per declaration of those
// functions (all templates that declare none share one). Not thread-safe, as the scopes that
// share it are not.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "arm/expr/ast.hpp"
#include "arm/expr/outcome.hpp"
#include "json/value.hpp"

namespace cmk::arm::expr {

class CompiledExpressions {
 public:
  // An expression's tree, or its error when the tree is null.
  struct Compiled {
    std::shared_ptr<const Node> node;
    EvalError error;
  };

  // Expression text -> Compiled. Keys carry their hash: a lookup (by a view, allocating no key)
  // and the insertion after a miss hash the text once between them.
  class Texts {
   public:
    // The entry for `text`, or nullptr.
    const Compiled* find(std::string_view text, size_t hash) const {
      auto it = entries_.find(TextView{text, hash});
      return it == entries_.end() ? nullptr : &it->second;
    }
    const Compiled& add(std::string_view text, size_t hash, Compiled compiled) {
      return entries_.emplace(TextKey{std::string(text), hash}, std::move(compiled)).first->second;
    }

   private:
    struct TextKey {
      std::string text;
      size_t hash = 0;
    };
    struct TextView {
      std::string_view text;
      size_t hash = 0;
    };
    struct TextHash {
      using is_transparent = void;
      size_t operator()(const TextKey& k) const noexcept { return k.hash; }
      size_t operator()(const TextView& k) const noexcept { return k.hash; }
    };
    struct TextEqual {
      using is_transparent = void;
      template <class A, class B>
      bool operator()(const A& a, const B& b) const noexcept {
        return a.hash == b.hash && std::string_view(a.text) == std::string_view(b.text);
      }
    };
    std::unordered_map<TextKey, Compiled, TextHash, TextEqual> entries_;
  };

  // The texts compiled where the user functions are those `functions` (a template's "functions"
  // member, or null) declares. A declaration is known by its array, which is kept alive here,
  // so no other can take its address while this cache lasts. The reference stays valid as long
  // as this object.
  Texts& for_functions(const json::Value* functions) {
    if (!functions || !functions->is_array()) return by_declaration_[nullptr].texts;
    Declared& d = by_declaration_[&functions->items()];
    if (d.pinned.is_null()) d.pinned = *functions;  // shares the array, does not copy it
    return d.texts;
  }

 private:
  struct Declared {
    json::Value pinned;
    Texts texts;
  };
  std::unordered_map<const json::Array*, Declared> by_declaration_;
};

}  // namespace cmk::arm::expr
