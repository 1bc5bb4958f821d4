#include "arm/expr/parser.hpp"

#include <vector>

#include "arm/expr/lexer.hpp"
#include "json/value.hpp"

namespace cmk::arm::expr {

bool Node::spelled(std::string_view name) const { return json::iequals(text, name); }

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
  Parser(std::string_view text, const TokenList& tokens) : text_(text), tokens_(tokens) {}

  std::optional<ParseError> run(Node& node) {
    if (expression(node) && peek().kind != TokenKind::End) {
      fail(peek(), std::string("unexpected ") + describe(peek()) + " after the expression");
    }
    return std::move(error_);
  }

 private:
  // The list ends with its only End token, which next() never passes: the current token needs
  // no bounds check.
  const Token& peek() const { return tokens_[pos_]; }
  const Token& peek(size_t ahead) const {
    const size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& next() {
    const Token& t = tokens_[pos_];
    if (t.kind != TokenKind::End) ++pos_;
    return t;
  }
  std::string_view view(const Token& t) const { return token_view(text_, t); }
  std::string describe(const Token& t) const {
    switch (t.kind) {
      case TokenKind::Identifier:
        return "'" + std::string(view(t)) + "'";
      case TokenKind::String:
        return "string '" + token_text(text_, t) + "'";
      case TokenKind::Integer:
        return "integer " + std::to_string(t.integer);
      default:
        return token_kind_name(t.kind);
    }
  }
  void fail(const Token& at, std::string message) {
    if (!error_) error_ = ParseError{at.begin + 1, std::move(message)};
  }
  bool expect(TokenKind kind, std::string_view context) {
    if (peek().kind == kind) {
      next();
      return true;
    }
    fail(peek(), std::string("expected ") + token_kind_name(kind) + " " + std::string(context) +
                     ", found " + describe(peek()));
    return false;
  }
  // `node` becomes the first of `operands` operands of a new node of `type`.
  static void wrap(Node& node, NodeType type, size_t operands) {
    Node outer;
    outer.type = type;
    outer.begin = node.begin;
    outer.children.reserve(operands);
    outer.children.push_back(std::move(node));
    node = std::move(outer);
  }

  // The parse functions build the node in place (call arguments straight into their parent's
  // list) and return false, with error_ set, on an error.
  bool expression(Node& node) {
    if (++depth_ > kMaxNesting) {
      fail(peek(), "expression nested too deeply");
      return false;
    }
    if (!primary(node)) return false;
    while (!error_) {
      if (peek().kind == TokenKind::Dot) {
        next();
        const Token& name = peek();
        if (name.kind != TokenKind::Identifier) {
          fail(name, "expected a property name after '.', found " + describe(name));
          return false;
        }
        next();
        wrap(node, NodeType::Member, 1);
        node.end = name.end;
        node.text.append(view(name));
      } else if (peek().kind == TokenKind::LBracket) {
        next();
        Node index;
        if (!expression(index)) return false;
        const Token& close = peek();
        if (!expect(TokenKind::RBracket, "to close the index")) return false;
        wrap(node, NodeType::Index, 2);
        node.end = close.end;
        node.children.push_back(std::move(index));
      } else {
        break;
      }
    }
    --depth_;
    return !error_;
  }

  bool primary(Node& node) {
    const Token& t = next();
    node.begin = t.begin;
    node.end = t.end;
    switch (t.kind) {
      case TokenKind::String:
        node.type = NodeType::String;
        if (t.doubled_quotes) {
          node.text = token_text(text_, t);
        } else {
          // Appending to the empty string copies once, where assigning goes through the
          // general replace and building a string to move in copies twice; so for every name.
          node.text.append(view(t));
        }
        return true;
      case TokenKind::Integer:
        node.type = NodeType::Integer;
        node.integer = t.integer;
        return true;
      case TokenKind::Identifier:
        break;
      case TokenKind::End:
        fail(t, "expected an expression, found the end of the expression");
        return false;
      default:
        fail(t, "expected a function call or a literal, found " + describe(t));
        return false;
    }
    // namespace.member(...) is a user-defined function call.
    if (peek().kind == TokenKind::Dot && peek(1).kind == TokenKind::Identifier &&
        peek(2).kind == TokenKind::LParen) {
      next();
      node.ns = view(t);
      node.text.append(view(next()));
    } else {
      if (peek().kind != TokenKind::LParen) {
        const std::string_view word = view(t);
        if (json::iequals(word, "true") || json::iequals(word, "false")) {
          node.type = NodeType::Boolean;
          node.boolean = json::iequals(word, "true");
          return true;
        }
        if (json::iequals(word, "null")) {
          node.type = NodeType::Null;
          return true;
        }
      }
      node.text.append(view(t));
    }
    if (peek().kind != TokenKind::LParen) {
      fail(peek(), "expected '(' after '" + node.text + "', found " + describe(peek()));
      return false;
    }
    const Token& open = next();
    node.type = NodeType::Call;
    if (peek().kind != TokenKind::RParen) {
      node.children.reserve(static_cast<size_t>(open.integer) + 1);
      while (true) {
        // Parsing into the list does not move the element: the recursion fills only its own
        // children.
        if (!expression(node.children.emplace_back())) return false;
        if (peek().kind == TokenKind::Comma) {
          next();
          continue;
        }
        break;
      }
    }
    const Token& close = peek();
    // The context is spelled out only for the message, not for every call.
    if (close.kind != TokenKind::RParen) {
      expect(TokenKind::RParen, "to close the call of '" + node.text + "'");
      return false;
    }
    next();
    node.end = close.end;
    return true;
  }

  std::string_view text_;  // the whole expression string the tokens view
  const TokenList& tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::optional<ParseError> error_;
};

}  // namespace

std::optional<ParseError> parse_expression(std::string_view text, Node& root) {
  if (classify(text) != StringForm::Expression) {
    return ParseError{1, "not an expression: it must start with '[' and end with ']'"};
  }
  const auto last = static_cast<uint32_t>(text.size() - 1);
  TokenList tokens;
  if (auto error = lex(text, 1, last, tokens)) {
    return ParseError{error->position + 1, std::move(error->message)};
  }
  if (tokens.size() == 1) return ParseError{1, "empty expression"};
  return Parser(text, tokens).run(root);
}

ParseResult parse_expression(std::string_view text) {
  ParseResult result;
  Node root;
  result.error = parse_expression(text, root);
  if (!result.error) result.root = std::move(root);
  return result;
}

}  // namespace cmk::arm::expr
