#include "arm/expr/lexer.hpp"

#include <limits>

namespace cmk::arm::expr {

namespace {
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
}  // namespace

const char* token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::Identifier:
      return "identifier";
    case TokenKind::String:
      return "string";
    case TokenKind::Integer:
      return "integer";
    case TokenKind::LParen:
      return "'('";
    case TokenKind::RParen:
      return "')'";
    case TokenKind::LBracket:
      return "'['";
    case TokenKind::RBracket:
      return "']'";
    case TokenKind::Comma:
      return "','";
    case TokenKind::Dot:
      return "'.'";
    case TokenKind::End:
      return "end of expression";
  }
  return "?";
}

LexResult lex(std::string_view text, uint32_t first, uint32_t last) {
  LexResult result;
  result.tokens.reserve((last - first) / 4 + 2);  // a token per 4 characters is typical
  uint32_t i = first;
  auto fail = [&](uint32_t pos, std::string message) {
    result.error = LexError{pos, std::move(message)};
    return result;
  };
  while (i < last) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    Token tok;
    tok.begin = i;
    if (c == '\'') {
      // ARM escapes a quote inside a string literal by doubling it.
      ++i;
      bool closed = false;
      while (i < last) {
        // Whole runs up to the next quote at once: most literals have no doubled quote.
        const size_t quote = text.find('\'', i);
        const uint32_t stop =
            quote == std::string_view::npos || quote > last ? last : static_cast<uint32_t>(quote);
        tok.text.append(text.data() + i, stop - i);
        i = stop;
        if (i >= last) break;
        if (i + 1 < last && text[i + 1] == '\'') {
          tok.text += '\'';
          i += 2;
          continue;
        }
        ++i;
        closed = true;
        break;
      }
      if (!closed) return fail(tok.begin, "unterminated string literal");
      tok.kind = TokenKind::String;
    } else if (is_digit(c) || (c == '-' && i + 1 < last && is_digit(text[i + 1]))) {
      const bool negative = c == '-';
      if (negative) ++i;
      // Accumulate as a negative number so INT64_MIN is representable.
      int64_t value = 0;
      while (i < last && is_digit(text[i])) {
        const int digit = text[i] - '0';
        if (value < (std::numeric_limits<int64_t>::min() + digit) / 10) {
          return fail(tok.begin, "integer literal out of range");
        }
        value = value * 10 - digit;
        ++i;
      }
      if (i < last && (text[i] == '.' && i + 1 < last && is_digit(text[i + 1]))) {
        return fail(tok.begin, "ARM expressions have no decimal literals; use json('1.5')");
      }
      if (!negative) {
        if (value == std::numeric_limits<int64_t>::min()) {
          return fail(tok.begin, "integer literal out of range");
        }
        value = -value;
      }
      tok.kind = TokenKind::Integer;
      tok.integer = value;
    } else if (is_ident_start(c)) {
      const uint32_t start = i;
      while (i < last && is_ident_char(text[i])) ++i;
      tok.text.assign(text.data() + start, i - start);
      tok.kind = TokenKind::Identifier;
    } else {
      switch (c) {
        case '(':
          tok.kind = TokenKind::LParen;
          break;
        case ')':
          tok.kind = TokenKind::RParen;
          break;
        case '[':
          tok.kind = TokenKind::LBracket;
          break;
        case ']':
          tok.kind = TokenKind::RBracket;
          break;
        case ',':
          tok.kind = TokenKind::Comma;
          break;
        case '.':
          tok.kind = TokenKind::Dot;
          break;
        case '"':
          return fail(i, "unexpected '\"': ARM string literals use single quotes");
        default:
          return fail(i, std::string("unexpected character '") + c + "'");
      }
      ++i;
    }
    tok.end = i;
    result.tokens.push_back(std::move(tok));
  }
  Token end;
  end.kind = TokenKind::End;
  end.begin = end.end = last;
  result.tokens.push_back(end);
  return result;
}

}  // namespace cmk::arm::expr
