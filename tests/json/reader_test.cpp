#include "json/reader.hpp"

#include <catch2/catch.hpp>

using namespace cmk;
using namespace cmk::json;

namespace {
ParseResult parse_text(const std::string& text) { return parse(SourceText("t.json", text)); }
}  // namespace

TEST_CASE("reader keeps byte offsets that map to line and column") {
  SourceText src("t.json", "{\n  \"a\": [1, true],\n  \"b\": \"x\"\n}");
  ParseResult r = parse(src);
  REQUIRE(r.root);
  const Member* a = r.root->find_member("a");
  REQUIRE(a);
  CHECK(src.position(a->key_offset).line == 2);
  CHECK(src.position(a->key_offset).column == 3);
  CHECK(src.position(a->value.offset()).column == 8);
  CHECK(src.position(a->value.items()[1].offset()).column == 12);
  const Value* b = r.root->find("B");  // ARM names are case-insensitive
  REQUIRE(b);
  CHECK(b->as_string() == "x");
  CHECK(src.position(b->offset()).line == 3);
  CHECK(src.position(b->offset()).column == 8);
}

TEST_CASE("reader accepts what Azure accepts") {
  SECTION("comments and trailing commas") {
    auto r = parse_text("// c\n{ /* x */ \"a\": [1,2,], \"b\": {\"c\": 1,}, }\n");
    REQUIRE(r.root);
    CHECK(r.root->find("a")->items().size() == 2);
  }
  SECTION("BOM and CRLF") {
    auto r = parse_text("\xEF\xBB\xBF{\r\n\"a\": 1\r\n}\r\n");
    REQUIRE(r.root);
    CHECK(r.root->find("a")->as_int() == 1);
  }
  SECTION("raw newlines inside strings are kept") {
    auto r = parse_text("{\"a\": \"line1\nline2\r\n3\", \"b\": \"q\\\"\n\"}");
    REQUIRE(r.root);
    CHECK(r.root->find("a")->as_string() == "line1\nline2\r\n3");
    CHECK(r.root->find("b")->as_string() == "q\"\n");
  }
  SECTION("strings with escaped quotes keep their start offset") {
    SourceText src("t.json", "{\"k\": \"a\\\\\", \"m\": \"\\\"x\\\"\"}");
    auto r = parse(src);
    REQUIRE(r.root);
    CHECK(r.root->find("k")->offset() == 6);
    CHECK(r.root->find_member("m")->key_offset == 13);
    CHECK(r.root->find("m")->offset() == 18);
  }
}

TEST_CASE("duplicate keys warn with both places and the last wins") {
  auto r = parse_text("{\n\"a\": 1,\n\"a\": 2\n}");
  REQUIRE(r.root);
  CHECK(r.root->find("a")->as_int() == 2);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].level == DiagnosticLevel::Warning);
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].message.find("first at line 2:1") != std::string::npos);
}

TEST_CASE("malformed JSON names line and column with a caret") {
  auto r = parse_text("{\n  \"a\": 1\n  \"b\": 2\n}");
  CHECK_FALSE(r.root);
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  CHECK(d.line == 3);
  CHECK(d.column == 3);
  CHECK(format_diagnostic(d) ==
        "t.json:3:3: error: expected ',' or '}' after the property value\n    \"b\": 2\n    ^");
}

TEST_CASE("hostile input is an error, never a crash") {
  CHECK_FALSE(parse_text("").root);
  CHECK_FALSE(parse_text(std::string(100000, '[')).root);
  CHECK_FALSE(parse_text(std::string("{\"a\":1}\0x", 9)).root);
  CHECK_FALSE(parse_text("{\"a\": \"unterminated").root);
  CHECK(parse_text("\"\\u00e9\"").root->as_string() == "\xc3\xa9");
}
