#pragma once
// Parses ARM template expressions: a JSON string that starts with '[' and ends with ']'.

#include <optional>
#include <string>
#include <string_view>

#include "arm/expr/ast.hpp"

namespace cmk::arm::expr {

// What a JSON string is to the deployment engine.
enum class StringForm {
  Literal,     // a plain string
  Escaped,     // "[[..." : a literal whose first '[' is dropped
  Expression,  // "[...]" : an expression
};

StringForm classify(std::string_view text);

// The literal text of an Escaped string (the leading '[' removed); other strings as is.
std::string_view unescape_literal(std::string_view text);

struct ParseError {
  uint32_t column = 0;  // 1-based, counted in bytes of the whole string including the '['
  std::string message;
};

struct ParseResult {
  std::optional<Node> root;  // empty when there is an error
  std::optional<ParseError> error;
};

// Parses an Expression-form string ("[concat('a', 'b')]"). Syntax only: function names are
// checked against the library by resolve_and_check_functions() (function_table.hpp).
ParseResult parse_expression(std::string_view text);

// The same, building the tree in `root` (a default Node), so a caller that keeps the tree in its
// own allocation does not move it there. On an error `root` holds a partial tree.
std::optional<ParseError> parse_expression(std::string_view text, Node& root);

}  // namespace cmk::arm::expr
