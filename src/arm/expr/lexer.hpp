#pragma once
// Splits the inside of an ARM expression ("[...]" without the brackets) into tokens.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

struct Token {
  TokenKind kind = TokenKind::End;
  // A String whose `text` still holds doubled quotes: token_text() unescapes it.
  bool doubled_quotes = false;
  uint32_t begin = 0;  // index into the whole expression string
  uint32_t end = 0;
  // The identifier spelling, or the string literal between its quotes, viewed in the expression
  // text (which must outlive the token), so lexing copies nothing.
  std::string_view text;
  // Integer: the value. LParen: how many commas the parentheses enclose at their own level, so
  // the parser can size the argument list once (a hint only: it never decides anything).
  int64_t integer = 0;
};

// The identifier spelling or the unescaped string literal.
std::string token_text(const Token& token);

struct LexError {
  uint32_t position = 0;  // 0-based index into the whole expression string
  std::string message;
};

struct LexResult {
  std::vector<Token> tokens;  // ends with an End token when there is no error
  std::optional<LexError> error;
};

// `text` is the whole JSON string; tokens are read from [first, last).
LexResult lex(std::string_view text, uint32_t first, uint32_t last);

const char* token_kind_name(TokenKind kind);

}  // namespace cmk::arm::expr
