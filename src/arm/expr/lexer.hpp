#pragma once
// Splits the inside of an ARM expression ("[...]" without the brackets) into tokens.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cmk::arm::expr {

enum class TokenKind : uint8_t {
  Identifier,
  String,
  Integer,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
  End,
};

// A trivial type (no default member initializers, no view member), so a TokenList's slots are
// not initialized before the lexer writes them. Zero is Identifier; `Token{}` is empty.
struct Token {
  TokenKind kind;
  // A String whose text still holds doubled quotes: token_text() unescapes it.
  bool doubled_quotes;
  uint32_t begin;  // index into the whole expression string
  uint32_t end;
  // Integer: the value. LParen: how many commas the parentheses enclose at their own level, so
  // the parser can size the argument list once (a hint only: it never decides anything).
  int64_t integer;
};

// The identifier spelling, or the string literal between its quotes (doubled quotes as
// written), viewed in `text`, the whole expression string the token was read from. Empty for
// other tokens. Inline: the parser asks for it for every name and literal.
inline std::string_view token_view(std::string_view text, const Token& token) {
  if (token.kind == TokenKind::Identifier) return text.substr(token.begin, token.end - token.begin);
  if (token.kind == TokenKind::String) {
    return text.substr(token.begin + 1, token.end - token.begin - 2);
  }
  return {};
}

// The identifier spelling or the unescaped string literal.
std::string token_text(std::string_view text, const Token& token);

struct LexError {
  uint32_t position = 0;  // 0-based index into the whole expression string
  std::string message;
};

// The tokens of one expression: most expressions have a few dozen, held in place (no
// allocation); longer ones move to the heap. Not copyable: the storage may be inside it.
class TokenList {
 public:
  TokenList() = default;
  TokenList(const TokenList&) = delete;
  TokenList& operator=(const TokenList&) = delete;

  size_t size() const { return size_; }
  const Token& operator[](size_t i) const { return data_[i]; }
  Token& operator[](size_t i) { return data_[i]; }
  const Token& back() const { return data_[size_ - 1]; }
  // Inline so that appending is a store: the lexer appends every token.
  void push_back(const Token& token) {
    if (size_ == capacity_) grow();
    data_[size_++] = token;
  }

 private:
  static constexpr size_t kInPlace = 64;
  void grow();

  Token in_place_[kInPlace];
  std::unique_ptr<Token[]> heap_;
  Token* data_ = in_place_;
  size_t size_ = 0;
  size_t capacity_ = kInPlace;
};

// `text` is the whole JSON string; tokens are read from [first, last) into `tokens` (empty),
// which ends with an End token when there is no error.
std::optional<LexError> lex(std::string_view text, uint32_t first, uint32_t last,
                            TokenList& tokens);

const char* token_kind_name(TokenKind kind);

}  // namespace cmk::arm::expr
