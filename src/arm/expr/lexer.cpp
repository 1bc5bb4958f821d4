#include "arm/expr/lexer.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <limits>

namespace cmk::arm::expr {

namespace {
// Character classes by table: the lexer asks for every character of every identifier.
enum : uint8_t { kIdentStart = 1, kDigit = 2, kSpace = 4 };
constexpr std::array<uint8_t, 256> kClasses = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kIdentStart;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kIdentStart;
  t['_'] = t['$'] = kIdentStart;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t[' '] = t['\t'] = t['\r'] = t['\n'] = kSpace;
  return t;
}();
uint8_t char_class(char c) { return kClasses[static_cast<unsigned char>(c)]; }
bool is_ident_start(char c) { return char_class(c) & kIdentStart; }
bool is_ident_char(char c) { return char_class(c) & (kIdentStart | kDigit); }
bool is_digit(char c) { return char_class(c) & kDigit; }
bool is_space(char c) { return char_class(c) & kSpace; }
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

std::string token_text(std::string_view text, const Token& token) {
  const std::string_view literal = token_view(text, token);
  if (!token.doubled_quotes) return std::string(literal);
  // Inside a closed literal every quote is one of a doubled pair.
  std::string out;
  out.reserve(literal.size());
  for (size_t i = 0; i < literal.size(); ++i) {
    out += literal[i];
    if (literal[i] == '\'') ++i;
  }
  return out;
}

void TokenList::grow() {
  const size_t capacity = capacity_ * 2;
  auto heap = std::make_unique_for_overwrite<Token[]>(capacity);
  std::copy(data_, data_ + size_, heap.get());
  heap_ = std::move(heap);
  data_ = heap_.get();
  capacity_ = capacity;
}

std::optional<LexError> lex(std::string_view text, uint32_t first, uint32_t last,
                            TokenList& tokens) {
  // Open '(' (token index) and '[' (kNoParen) for the argument-count hints; nesting deeper than
  // the array is only tracked by depth.
  constexpr uint32_t kNoParen = UINT32_MAX;
  uint32_t open[64];
  size_t depth = 0;
  uint32_t i = first;
  auto fail = [](uint32_t pos, std::string message) { return LexError{pos, std::move(message)}; };
  while (i < last) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    Token tok{};
    tok.begin = i;
    if (c == '\'') {
      // ARM escapes a quote inside a string literal by doubling it.
      ++i;
      bool closed = false;
      while (i < last) {
        // Whole runs up to the next quote at once: most literals have no doubled quote.
        const void* quote = std::memchr(text.data() + i, '\'', last - i);
        if (!quote) {
          i = last;
          break;
        }
        i = static_cast<uint32_t>(static_cast<const char*>(quote) - text.data());
        if (i + 1 < last && text[i + 1] == '\'') {
          tok.doubled_quotes = true;
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
      while (i < last && is_ident_char(text[i])) ++i;
      tok.kind = TokenKind::Identifier;
    } else {
      switch (c) {
        case '(':
          tok.kind = TokenKind::LParen;
          if (depth < std::size(open)) open[depth] = static_cast<uint32_t>(tokens.size());
          ++depth;
          break;
        case ')':
          tok.kind = TokenKind::RParen;
          if (depth > 0) --depth;
          break;
        case '[':
          tok.kind = TokenKind::LBracket;
          if (depth < std::size(open)) open[depth] = kNoParen;
          ++depth;
          break;
        case ']':
          tok.kind = TokenKind::RBracket;
          if (depth > 0) --depth;
          break;
        case ',':
          tok.kind = TokenKind::Comma;
          if (depth > 0 && depth <= std::size(open) && open[depth - 1] != kNoParen) {
            ++tokens[open[depth - 1]].integer;
          }
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
    tokens.push_back(tok);
  }
  Token end{};
  end.kind = TokenKind::End;
  end.begin = end.end = last;
  tokens.push_back(end);
  return std::nullopt;
}

}  // namespace cmk::arm::expr
