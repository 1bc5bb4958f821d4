// The strict fast path (simdjson) and the relaxed reader (RapidJSON) give the same tree, with the
// same offsets and kinds, and the same diagnostics; the fast path refuses what it should not judge.

#include "json/strict_reader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "json/reader.hpp"
#include "test_support.hpp"
#include "util/file_text.hpp"

using namespace cmk;
using namespace cmk::json;

namespace {

std::string diagnostics_text(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

// Both readings of `text`; true when the fast path took it. The fast path reads a text with
// spare capacity (a file's) in place, and any other from a padded copy: both are checked.
bool check_same(const std::string& text) {
  const SourceText source("t.json", text);
  const ParseResult relaxed = parse_relaxed(source);
  const ParseResult both = parse(source);
  INFO(text.substr(0, 200));
  REQUIRE(both.root.has_value() == relaxed.root.has_value());
  if (relaxed.root) CHECK(to_located_json(*both.root) == to_located_json(*relaxed.root));
  CHECK(diagnostics_text(both.diagnostics) == diagnostics_text(relaxed.diagnostics));
  std::string spare;
  spare.reserve(text.size() + kFileTextSpare);
  spare = text;
  const SourceText in_place("t.json", std::move(spare));
  REQUIRE(in_place.text().capacity() >= text.size() + kFileTextSpare);
  const std::optional<ParseResult> copied = parse_strict(source, 0);
  const std::optional<ParseResult> read_in_place = parse_strict(in_place, 0);
  REQUIRE(copied.has_value() == read_in_place.has_value());
  if (copied) {
    CHECK(to_located_json(*copied->root) == to_located_json(*read_in_place->root));
    CHECK(diagnostics_text(copied->diagnostics) == diagnostics_text(read_in_place->diagnostics));
  }
  return copied.has_value();
}

}  // namespace

TEST_CASE("strict fast path: same tree, offsets and warnings as the relaxed reader") {
  // Taken by the fast path.
  for (const std::string& text : {
           std::string("{\"a\": [1, -2, 3.5, 1e3, -0, 0.1, 9223372036854775807, "
                       "9223372036854775808, 18446744073709551616, true, false, null]}"),
           std::string("\xEF\xBB\xBF{\r\n  \"k\": \"v\"\r\n}\r\n"),
           std::string("{\"esc\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", "
                       "\"\\u0041\": 1}"),
           std::string("{\"a\": 1, \"A\": 2, \"b\": {\"c\": 1, \"c\": {}}}"),
           std::string("[[[[]]], {}, \"\", 0]"),
           std::string("{\"caf\xC3\xA9\": \"\xE2\x82\xAC\"}"),
           // Integers read without RapidJSON, up to 18 digits, and the longer ones it reads.
           std::string("[0, -0, 7, -7, 10, 2147483647, 2147483648, -2147483648, -2147483649, "
                       "4294967295, 4294967296, 123456789012345678, -123456789012345678, "
                       "999999999999999999, 1234567890123456789, -9223372036854775808, "
                       "-9223372036854775809, 0.5, -0.0, 1E2, 1e-2, 12e+1]"),
           // Keys and strings with and without escapes, side by side.
           std::string("{\"a\\\"b\": \"x\\\\\", \"plain\": \"y\", \"\\u0070lain\": \"\\\"\", "
                       "\"\": \"\", \"q\": [\"\\n\", \"z\\t\", \"\\\\\"]}"),
           // Duplicates among keys of one length that differ in case, or in one byte ("@" and
           // "`" differ only in the bit that folds ASCII case).
           std::string("{\"abc\": 1, \"aXc\": 2, \"ABC\": 3, \"axC\": 4, \"abd\": 5, \"\": 6, "
                       "\"\": 7, \"a@c\": 8, \"a`c\": 9, \"A`C\": 10}"),
       }) {
    CHECK(check_same(text));
  }
  // Objects of 32 members and more look their keys up in a set.
  std::string large = "{";
  for (int i = 0; i < 40; ++i)
    large += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  CHECK(check_same(large + "\"K3\": 1, \"k39\": 2, \"k40\": 3}"));
  // Left to the relaxed reader, which accepts or names the error as before.
  static constexpr char kWithNul[] = "{\"a\": \"x\0y\"}";
  for (const std::string& text : {
           std::string("{\"a\": 1, // comment\n \"b\": [1, 2,], }"),
           std::string("{\"a\": \"raw\nnewline\"}"),
           std::string("{\"a\": 1} trailing"),
           std::string("{\"a\": 01}"),
           std::string("{\"a\": -01}"),
           std::string("{\"a\": 00}"),
           std::string("{\"a\": -}"),
           std::string("{\"a\": 1x}"),
           std::string("{\"a\": \"tab\there\"}"),
           std::string("{\"a\": 1e309}"),
           std::string("{\"a\": \"\\ud800\"}"),
           std::string("{\"a\": \"\xFF\"}"),
           std::string(kWithNul, sizeof kWithNul - 1),
           std::string("{\"a\": [1, 2}"),
           std::string("{\"a\" 1}"),
           std::string("{\"a\": tru}"),
           std::string("\"just a string\""),
           std::string("42"),
           std::string(""),
           std::string("   "),
           std::string(300, '[') + std::string(300, ']'),
       }) {
    CHECK_FALSE(check_same(text));
  }
}

TEST_CASE("duplicate keys are told by iequals, whatever else the keys share") {
  const SourceText source("t.json",
                          "{\"abc\": 1, \"aXc\": 2, \"ABC\": 3, \"axC\": 4, \"abd\": 5, \"\": 6, "
                          "\"\": 7, \"a@c\": 8, \"a`c\": 9, \"A`C\": 10}");
  for (const ParseResult& r : {parse(source), parse_relaxed(source)}) {
    REQUIRE(r.root);
    CHECK(to_json(*r.root) == R"({"abc":3,"aXc":4,"abd":5,"":7,"a@c":8,"a`c":10})");
    REQUIRE(r.diagnostics.size() == 4);
    CHECK(r.diagnostics[0].message.find("\"ABC\" (first at line 1:2)") != std::string::npos);
    CHECK(r.diagnostics[1].message.find("\"axC\" (first at line 1:12)") != std::string::npos);
    CHECK(r.diagnostics[2].message.find("\"\" (first at line 1:52)") != std::string::npos);
    CHECK(r.diagnostics[3].message.find("\"A`C\" (first at line 1:76)") != std::string::npos);
  }
}

TEST_CASE(
    "strict fast path: every file of the shared corpus reads as the relaxed reader reads it") {
  const auto corpus = test::shared_path("corpus");
  if (!corpus) return;
  size_t files = 0, fast = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(*corpus)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    ++files;
    if (check_same(text.str())) ++fast;
  }
  CHECK(files > 4000);
  // Nearly every template is strict JSON: the fast path must be the one that reads them.
  CHECK(fast * 100 > files * 95);
}
