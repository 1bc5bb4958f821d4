#include "json/resource_splitter.hpp"

#include <catch2/catch.hpp>

#include "json/reader.hpp"

using namespace cmk::json;

namespace {

struct Split {
  std::vector<ResourcePiece> pieces;
  std::optional<SplitError> error;
};

// Feeds `text` in chunks of `chunk` bytes, as a file read in blocks is.
Split split(const std::string& text, size_t chunk = 7, size_t max_piece = 1 << 20) {
  ResourceSplitter splitter(max_piece);
  Split out;
  for (size_t i = 0; i < text.size(); i += chunk) {
    if (!splitter.feed(std::string_view(text).substr(i, chunk), out.pieces)) break;
  }
  splitter.finish();
  out.error = splitter.error();
  return out;
}

// Each piece's element parsed on its own, with its positions checked against the whole file's.
void check_positions(const std::string& text, const Split& s) {
  const SourceText whole("t.json", text);
  const ParseResult all = parse(whole);
  REQUIRE(all.root);
  for (const ResourcePiece& p : s.pieces) {
    const SourceText part = p.source("t.json");
    const ParseResult one = parse(part, p.parse_from);
    REQUIRE(one.root);
    const Member* id = one.root->find_member("id");
    REQUIRE(id);
    const Position in_part = part.position(id->value.offset());
    const Position in_file = whole.position(p.file_offset + id->value.offset());
    CHECK(in_part.line == in_file.line);
    CHECK(in_part.column == in_file.column);
  }
}

const std::string kTwo = R"([
  {"id": "/subscriptions/s/providers/A/b/x", "type": "A/b", "name": "x"},
  {
    "id": "/subscriptions/s/providers/A/b/y", "type": "A/b", "name": "y ]} [{ \" \\"
  }
]
)";

}  // namespace

TEST_CASE("resource splitter: a top-level array gives one piece per element") {
  for (size_t chunk : {1, 3, 64, 4096}) {
    const Split s = split(kTwo, chunk);
    REQUIRE_FALSE(s.error);
    REQUIRE(s.pieces.size() == 2);
    CHECK(s.pieces[0].line == 1);  // from the list's '[' on
    CHECK(s.pieces[0].column_before == 1);
    CHECK(s.pieces[0].text.substr(0, s.pieces[0].parse_from) == "\n  ");
    CHECK(s.pieces[1].text.substr(0, s.pieces[1].parse_from) == ",\n  ");
    CHECK(s.pieces[1].text.ends_with("\\\\\"\n  }"));
    check_positions(kTwo, s);
  }
}

TEST_CASE("resource splitter: value and data wrappers") {
  for (const char* key : {"value", "data", "Data"}) {
    const std::string text = std::string(R"({"count": 2, "facets": [1, [2]], ")") + key +
                             R"(": [{"id": "/p/providers/A/b/x", "type": "A/b"},
{"id": "/p/providers/A/b/y", "type": "A/b"}], "resultTruncated": "false"})";
    ResourceSplitter splitter(1 << 20);
    std::vector<ResourcePiece> pieces;
    REQUIRE(splitter.feed(text, pieces));
    REQUIRE(splitter.finish());
    REQUIRE(pieces.size() == 2);
    REQUIRE(splitter.wrapper());
    CHECK(splitter.wrapper()->find("count")->as_int() == 2);
    CHECK(splitter.wrapper()->find(key)->items().empty());
    check_positions(text, Split{pieces, std::nullopt});
  }
  SECTION("a list under another name is not a live export") {
    const Split s = split(R"({"items": [{"id": "x"}]})");
    REQUIRE(s.error);
    CHECK(s.error->kind == SplitError::Kind::NotAList);
  }
  SECTION("a broken wrapper is left to the reader") {
    const Split s = split(R"({"count": 1 "value": [{"id": "x"}]})");
    REQUIRE(s.error);
    CHECK(s.error->kind == SplitError::Kind::NotAList);
  }
}

TEST_CASE("resource splitter: comments, a BOM and trailing commas") {
  const std::string text =
      "\xEF\xBB\xBF// head ]\n[ /* [ { */\n  {\"id\": \"/p/providers/A/b/x\", // }\n \"type\": "
      "\"A/b\"},\n  // cmkguard-ignore X\n  {\"id\": \"/p/providers/A/b/y\", \"type\": "
      "\"A/b\"},\n]";
  const Split s = split(text, 5);
  REQUIRE_FALSE(s.error);
  REQUIRE(s.pieces.size() == 2);
  CHECK(s.pieces[1].line == 4);  // from the end of the first one: the comment goes with it
  CHECK(s.pieces[1].text.find("cmkguard-ignore X") < s.pieces[1].parse_from);
  check_positions(text, s);
}

TEST_CASE("resource splitter: a one-line export keeps file columns without the whole line") {
  std::string text = "[";
  for (int i = 0; i < 2000; ++i) {
    text += (i ? "," : "") + std::string(R"({"id": "/p/providers/A/b/é)") + std::to_string(i) +
            R"(", "type": "A/b"})";
  }
  text += "]";
  const Split s = split(text, 4096);
  REQUIRE_FALSE(s.error);
  REQUIRE(s.pieces.size() == 2000);
  const ResourcePiece& last = s.pieces.back();
  CHECK(last.line == 1);
  CHECK(last.parse_from == 1);  // the comma since the one before; the line is left out
  CHECK(last.column_before > 0);
  CHECK(last.text.size() < 100);
  check_positions(text, s);
}

TEST_CASE("resource splitter: the same pieces however the file is cut into blocks") {
  const std::string text =
      "{\"count\": 3, \"data\": [\n"
      "  {\"id\": \"/p/providers/A/b/x\", \"tags\": {\"k\": \"a \\\" ] } / é\"},\n"
      "   \"n\": [1, 2.5, true, null]}, /* a { comment */\n"
      "  {\"id\": \"/p/providers/A/b/y\", \"t\": \"" +
      std::string(5000, 'x') +
      "\"},\n"
      "  // cmkguard-ignore X\n"
      "  {\"id\": \"/p/providers/A/b/z\", \"u\": \"日本\"}]}";
  const Split whole = split(text, text.size());
  REQUIRE_FALSE(whole.error);
  REQUIRE(whole.pieces.size() == 3);
  check_positions(text, whole);
  for (const size_t chunk : {1, 2, 3, 7, 64, 4096}) {
    const Split s = split(text, chunk);
    REQUIRE_FALSE(s.error);
    REQUIRE(s.pieces.size() == whole.pieces.size());
    for (size_t i = 0; i < s.pieces.size(); ++i) {
      CHECK(s.pieces[i].text == whole.pieces[i].text);
      CHECK(s.pieces[i].parse_from == whole.pieces[i].parse_from);
      CHECK(s.pieces[i].file_offset == whole.pieces[i].file_offset);
      CHECK(s.pieces[i].line == whole.pieces[i].line);
      CHECK(s.pieces[i].column_before == whole.pieces[i].column_before);
    }
  }
}

TEST_CASE("resource splitter: what stops it") {
  SECTION("a truncated file") {
    const Split s = split(R"([{"id": "/p/providers/A/b/x", "type": "A/b"}, {"id": "/p)");
    REQUIRE(s.error);
    CHECK(s.error->kind == SplitError::Kind::Truncated);
  }
  SECTION("a resource over the limit") {
    // Whether the bytes come one by one or in runs, the error is at the byte over the limit: the
    // 17th of the second element, which starts at offset 14.
    for (const size_t chunk : {1, 2, 7, 4096}) {
      const Split s = split(R"([{"id": "x"}, {"id": "a much longer resource"}])", chunk, 16);
      REQUIRE(s.error);
      CHECK(s.error->kind == SplitError::Kind::TooLarge);
      CHECK(s.error->offset == 30);
      CHECK(s.pieces.size() == 1);
    }
  }
  SECTION("elements that are not objects, or no list at all") {
    for (const char* text : {R"([1, 2])", R"([{"id": "x"} {"id": "y"}])", R"({"id": "x"})", R"([])",
                             R"("text")", R"([{"id": "x"}] [])"}) {
      const Split s = split(text);
      REQUIRE(s.error);
      CHECK(s.error->kind == SplitError::Kind::NotAList);
    }
  }
}
