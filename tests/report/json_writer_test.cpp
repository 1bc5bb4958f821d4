// The one JSON writer of the reports: two-space indents, strings made valid UTF-8 and written
// whole (a NUL included), a final newline; and the SHA-256 behind every fingerprint.

#include "report/json_writer.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "report/fingerprint.hpp"

using namespace cmk::report;

TEST_CASE("json writer: indents, valid UTF-8, whole strings, final newline", "[json_writer]") {
  JsonDocument document;
  JsonWriter& w = document.writer();
  w.StartObject();
  write_field(w, "bad", std::string("a\xff") + "b");
  write_field(w, "nul", std::string("x\0y", 3));
  write_field(w, "count", uint64_t{3});
  w.Key("list");
  w.StartArray();
  write_string(w, "z");
  w.EndArray();
  w.EndObject();
  CHECK(document.text() ==
        "{\n"
        "  \"bad\": \"a\xef\xbf\xbd"
        "b\",\n"
        "  \"nul\": \"x\\u0000y\",\n"
        "  \"count\": 3,\n"
        "  \"list\": [\n"
        "    \"z\"\n"
        "  ]\n"
        "}\n");
}

TEST_CASE("sha256_hex: the digest every fingerprint is cut from", "[json_writer]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc").size() == 64);
}
