#include "arm/expr/parser.hpp"

#include <vector>

#include "arm/expr/lexer.hpp"
#include "json/value.hpp"

namespace cmk::arm::expr {

bool Node::is_call(std::string_view name) const {
  return type == NodeType::Call && ns.empty() && json::iequals(text, name);
}

StringForm classify(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[') {
    if (text[1] == '[') return StringForm::Escaped;
    if (text.back() == ']') return StringForm::Expression;
  }
  return StringForm::Literal;
}

std::string_view unescape_literal(std::string_view text) {
  return classify(text) == StringForm::Escaped ? text.substr(1) : text;
}

namespace {

// Nesting deeper than this is refused so evaluation cannot exhaust the stack.
constexpr int kMaxNesting = 200;

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  ParseResult run() {
    ParseResult result;
    std::optional<Node> node = expression();
    if (node && peek().kind != TokenKind::End) {
      fail(peek(), std::string("unexpected ") + describe(peek()) + " after the expression");
    }
    if (error_) {
      result.error = error_;
    } else {
      result.root = std::move(node);
    }
    return result;
  }

 private:
  const Token& peek(size_t ahead = 0) const {
    const size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  // The token is not read again once consumed, so callers may move its text out.
  Token& next() {
    Token& t = pos_ < tokens_.size() ? tokens_[pos_] : tokens_.back();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  static std::string describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::Identifier:
        return "'" + t.text + "'";
      case TokenKind::String:
        return "string '" + t.text + "'";
      case TokenKind::Integer:
        return "integer " + std::to_string(t.integer);
      default:
        return token_kind_name(t.kind);
    }
  }
  void fail(const Token& at, std::string message) {
    if (!error_) error_ = ParseError{at.begin + 1, std::move(message)};
  }
  bool expect(TokenKind kind, const char* context) {
    if (peek().kind == kind) {
      next();
      return true;
    }
    fail(peek(), std::string("expected ") + token_kind_name(kind) + " " + context + ", found " +
                     describe(peek()));
    return false;
  }

  std::optional<Node> expression() {
    if (++depth_ > kMaxNesting) {
      fail(peek(), "expression nested too deeply");
      return std::nullopt;
    }
    std::optional<Node> node = primary();
    while (node && !error_) {
      if (peek().kind == TokenKind::Dot) {
        next();
        const Token& name = peek();
        if (name.kind != TokenKind::Identifier) {
          fail(name, "expected a property name after '.', found " + describe(name));
          return std::nullopt;
        }
        Token& taken = next();
        Node member;
        member.type = NodeType::Member;
        member.begin = node->begin;
        member.end = taken.end;
        member.text = std::move(taken.text);
        member.children.push_back(std::move(*node));
        node = std::move(member);
      } else if (peek().kind == TokenKind::LBracket) {
        next();
        std::optional<Node> index = expression();
        if (!index) return std::nullopt;
        const Token& close = peek();
        if (!expect(TokenKind::RBracket, "to close the index")) return std::nullopt;
        Node access;
        access.type = NodeType::Index;
        access.begin = node->begin;
        access.end = close.end;
        access.children.push_back(std::move(*node));
        access.children.push_back(std::move(*index));
        node = std::move(access);
      } else {
        break;
      }
    }
    --depth_;
    if (error_) return std::nullopt;
    return node;
  }

  std::optional<Node> primary() {
    Token& t = next();
    Node node;
    node.begin = t.begin;
    node.end = t.end;
    switch (t.kind) {
      case TokenKind::String:
        node.type = NodeType::String;
        node.text = std::move(t.text);
        return node;
      case TokenKind::Integer:
        node.type = NodeType::Integer;
        node.integer = t.integer;
        return node;
      case TokenKind::Identifier:
        break;
      case TokenKind::End:
        fail(t, "expected an expression, found the end of the expression");
        return std::nullopt;
      default:
        fail(t, "expected a function call or a literal, found " + describe(t));
        return std::nullopt;
    }
    // namespace.member(...) is a user-defined function call.
    if (peek().kind == TokenKind::Dot && peek(1).kind == TokenKind::Identifier &&
        peek(2).kind == TokenKind::LParen) {
      next();
      node.ns = std::move(t.text);
      node.text = std::move(next().text);
    } else {
      node.text = std::move(t.text);
    }
    if (peek().kind != TokenKind::LParen) {
      if (node.ns.empty()) {
        if (json::iequals(node.text, "true") || json::iequals(node.text, "false")) {
          node.type = NodeType::Boolean;
          node.boolean = json::iequals(node.text, "true");
          node.text.clear();
          return node;
        }
        if (json::iequals(node.text, "null")) {
          node.type = NodeType::Null;
          node.text.clear();
          return node;
        }
      }
      fail(peek(), "expected '(' after '" + node.text + "', found " + describe(peek()));
      return std::nullopt;
    }
    next();
    node.type = NodeType::Call;
    if (peek().kind != TokenKind::RParen) {
      while (true) {
        std::optional<Node> arg = expression();
        if (!arg) return std::nullopt;
        node.children.push_back(std::move(*arg));
        if (peek().kind == TokenKind::Comma) {
          next();
          continue;
        }
        break;
      }
    }
    const Token& close = peek();
    if (!expect(TokenKind::RParen, ("to close the call of '" + node.text + "'").c_str())) {
      return std::nullopt;
    }
    node.end = close.end;
    return node;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::optional<ParseError> error_;
};

}  // namespace

ParseResult parse_expression(std::string_view text) {
  ParseResult result;
  if (classify(text) != StringForm::Expression) {
    result.error = ParseError{1, "not an expression: it must start with '[' and end with ']'"};
    return result;
  }
  const auto last = static_cast<uint32_t>(text.size() - 1);
  LexResult lexed = lex(text, 1, last);
  if (lexed.error) {
    result.error = ParseError{lexed.error->position + 1, lexed.error->message};
    return result;
  }
  if (lexed.tokens.size() == 1) {
    result.error = ParseError{1, "empty expression"};
    return result;
  }
  return Parser(std::move(lexed.tokens)).run();
}

}  // namespace cmk::arm::expr
