#pragma once
// The syntax tree of one ARM template expression. Positions are 0-based indexes into the whole
// JSON string (the leading '[' is index 0), so a column for a message is begin + 1.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cmk::arm::expr {

struct FunctionSpec;

enum class NodeType : uint8_t {
  String,   // 'text' (quotes removed, '' unescaped) in `text`
  Integer,  // `integer`
  Boolean,  // bare true / false in `boolean`
  Null,     // bare null
  Call,     // `text` is the function name, `ns` the user-function namespace (or empty), args
  Member,   // children[0].`text`
  Index,    // children[0][children[1]]
};

struct Node {
  NodeType type = NodeType::Null;
  bool boolean = false;
  uint32_t begin = 0;  // first character of the node
  uint32_t end = 0;    // one past its last character
  // A Call without a namespace: its library entry, looked up once when the expression is
  // compiled (resolve_and_check_functions()) so evaluation does not look the name up on every
  // call. nullptr for an unknown name, other nodes, and trees not resolved.
  const FunctionSpec* builtin = nullptr;
  std::string text;
  std::string ns;
  int64_t integer = 0;
  std::vector<Node> children;  // call arguments, or the operands of Member / Index

  uint32_t column() const { return begin + 1; }
  // A built-in call of that name, case-insensitively. Most checks fail on the type or the
  // length, which are compared inline.
  bool is_call(std::string_view name) const {
    return type == NodeType::Call && text.size() == name.size() && ns.empty() && spelled(name);
  }

 private:
  bool spelled(std::string_view name) const;  // `text` is `name`, case-insensitively
};

}  // namespace cmk::arm::expr
