#include "arm/expr/parser.hpp"

#include <catch2/catch.hpp>

#include "arm/expr/function_table.hpp"

using namespace cmk::arm::expr;

TEST_CASE("classify tells expressions, escapes and literals apart") {
  CHECK(classify("[concat('a')]") == StringForm::Expression);
  CHECK(classify("[[concat('a')]") == StringForm::Escaped);
  CHECK(unescape_literal("[[concat('a')]") == "[concat('a')]");
  CHECK(classify("plain") == StringForm::Literal);
  CHECK(classify("[not closed") == StringForm::Literal);
  CHECK(classify("[x] ") == StringForm::Literal);
  CHECK(classify("") == StringForm::Literal);
}

TEST_CASE("parser builds calls, literals and access chains") {
  ParseResult r = parse_expression("[reference(parameters('a')).outputs.y.value]");
  REQUIRE(r.root);
  const Node& value = *r.root;
  CHECK(value.type == NodeType::Member);
  CHECK(value.text == "value");
  CHECK(value.children[0].text == "y");
  const Node& call = value.children[0].children[0].children[0];
  CHECK(call.type == NodeType::Call);
  CHECK(call.text == "reference");
  CHECK(call.children[0].is_call("parameters"));
  CHECK(call.children[0].children[0].text == "a");

  r = parse_expression("[parameters('a')[0]['b']]");
  REQUIRE(r.root);
  CHECK(r.root->type == NodeType::Index);
  CHECK(r.root->children[1].text == "b");
  CHECK(r.root->children[0].children[1].integer == 0);
}

TEST_CASE("parser reads string escapes, negative integers and bare literals") {
  ParseResult r = parse_expression("[concat('it''s', -12, true, false, null)]");
  REQUIRE(r.root);
  const auto& args = r.root->children;
  CHECK(args[0].text == "it's");
  CHECK(args[1].integer == -12);
  CHECK(args[2].type == NodeType::Boolean);
  CHECK(args[2].boolean);
  CHECK_FALSE(args[3].boolean);
  CHECK(args[4].type == NodeType::Null);
}

TEST_CASE("parser reads user-defined function calls and lambdas") {
  ParseResult r =
      parse_expression("[__bicep.getName(map(range(0, 2), lambda('i', lambdaVariables('i'))))]");
  REQUIRE(r.root);
  CHECK(r.root->ns == "__bicep");
  CHECK(r.root->text == "getName");
  const Node& lambda = r.root->children[0].children[1];
  CHECK(lambda.is_call("lambda"));
  CHECK(lambda.children[1].is_call("lambdaVariables"));
}

TEST_CASE("parse errors carry the column inside the expression string") {
  ParseResult r = parse_expression("[concat('a', 'b']");
  REQUIRE(r.error);
  CHECK(r.error->column == 17);
  CHECK(r.error->message == "expected ')' to close the call of 'concat', found end of expression");

  r = parse_expression("[concat('a)]");
  REQUIRE(r.error);
  CHECK(r.error->column == 9);
  CHECK(r.error->message == "unterminated string literal");

  r = parse_expression("[concat(\"a\")]");
  REQUIRE(r.error);
  CHECK(r.error->column == 9);

  r = parse_expression("[parameters('a') parameters('b')]");
  REQUIRE(r.error);
  CHECK(r.error->column == 18);

  r = parse_expression("[foo]");
  REQUIRE(r.error);
  CHECK(r.error->message == "expected '(' after 'foo', found end of expression");

  r = parse_expression("[   ]");
  REQUIRE(r.error);
  CHECK(r.error->message == "empty expression");
}

TEST_CASE("unknown functions are errors that name them, with a suggestion") {
  ParseResult r = parse_expression("[concat('a', concatt('b'))]");
  REQUIRE(r.root);
  auto e = resolve_and_check_functions(*r.root, nullptr);
  REQUIRE(e);
  CHECK(e->kind == ErrorKind::UnknownFunction);
  CHECK(e->column == 14);
  CHECK(e->message == "unknown function 'concatt' (did you mean 'concat'?)");

  r = parse_expression("[resourceGroupz().location]");
  e = resolve_and_check_functions(*r.root, nullptr);
  REQUIRE(e);
  CHECK(e->message == "unknown function 'resourceGroupz' (did you mean 'resourceGroup'?)");

  r = parse_expression("[frobnicate()]");
  e = resolve_and_check_functions(*r.root, nullptr);
  REQUIRE(e);
  CHECK(e->message == "unknown function 'frobnicate'");
}

TEST_CASE("argument counts are checked before evaluation") {
  ParseResult r = parse_expression("[substring('abc')]");
  auto e = resolve_and_check_functions(*r.root, nullptr);
  REQUIRE(e);
  CHECK(e->message == "function 'substring' expects 2 to 3 arguments, got 1");
  r = parse_expression("[listSecrets(resourceId('a/b', 'c'), '2020-01-01')]");
  CHECK_FALSE(resolve_and_check_functions(*r.root, nullptr));
}

TEST_CASE("built-in calls are resolved once, case-insensitively") {
  ParseResult r = parse_expression(
      "[CONCAT(listKeys(resourceId('a/b', 'c'), '2020-01-01'), ns.fn(1), frobnicate())]");
  REQUIRE(r.root);
  CHECK(r.root->builtin == nullptr);  // resolved when compiled, not by the parser
  // frobnicate() is the last call: every call before it is resolved.
  const auto e = resolve_and_check_functions(*r.root, nullptr);
  REQUIRE(e);
  CHECK(e->message == "unknown function 'frobnicate'");
  const Node& root = *r.root;
  CHECK(root.builtin == find_function("concat"));
  REQUIRE(root.builtin);
  CHECK(root.builtin->name == "concat");
  CHECK(root.is_call("concat"));
  CHECK_FALSE(root.is_call("concatt"));
  CHECK(root.children[0].builtin == find_function("list"));  // every list*() is one entry
  CHECK_FALSE(root.children[0].is_call("list"));
  CHECK(root.children[0].children[0].builtin == find_function("ResourceID"));
  CHECK(root.children[1].builtin == nullptr);  // user-defined
  CHECK(root.children[2].builtin == nullptr);  // unknown
  CHECK(find_function("list") != nullptr);
  CHECK(find_function("lis") == nullptr);
  CHECK(find_function("LISTSECRETS") == find_function("list"));
}

TEST_CASE("parser keeps literal texts, argument lists and error texts") {
  ParseResult r = parse_expression(
      "[f('', '''', 'a''b''''c', g(1, y()[i(7, 8)], h(4, 5, 6)), x().y, 'z'[0], k())]");
  REQUIRE(r.root);
  const auto& args = r.root->children;
  REQUIRE(args.size() == 7);
  CHECK(args[0].text.empty());
  CHECK(args[1].text == "'");
  CHECK(args[2].text == "a'b''c");
  CHECK(args[2].begin == 13);
  CHECK(args[2].end == 24);
  REQUIRE(args[3].children.size() == 3);
  CHECK(args[3].children[1].type == NodeType::Index);
  CHECK(args[3].children[1].children[1].children.size() == 2);
  CHECK(args[3].children[2].children.size() == 3);
  CHECK(args[4].type == NodeType::Member);
  CHECK(args[4].text == "y");
  CHECK(args[5].type == NodeType::Index);
  CHECK(args[6].children.empty());

  r = parse_expression("[concat('a''b' 'c''d')]");
  REQUIRE(r.error);
  CHECK(r.error->message == "expected ')' to close the call of 'concat', found string 'c'd'");
  r = parse_expression("[concat('a''')]");
  REQUIRE(r.root);
  CHECK(r.root->children[0].text == "a'");
  r = parse_expression("[concat('a'')]");
  REQUIRE(r.error);
  CHECK(r.error->message == "unterminated string literal");
  CHECK(r.error->column == 9);
  r = parse_expression("[TRUE.x]");
  REQUIRE(r.root);
  CHECK(r.root->type == NodeType::Member);
  CHECK(r.root->children[0].boolean);
  CHECK(r.root->children[0].text.empty());
}
