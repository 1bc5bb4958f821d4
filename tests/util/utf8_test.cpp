#include "util/utf8.hpp"

#include <catch2/catch.hpp>

using cmk::utf8_sequence_length;
using cmk::valid_utf8;

TEST_CASE("utf8_sequence_length: the length of a valid sequence, else 0", "[utf8]") {
  CHECK(utf8_sequence_length("a", 0) == 1);
  CHECK(utf8_sequence_length("\xc3\xa9!", 0) == 2);         // é
  CHECK(utf8_sequence_length("x\xe2\x82\xac", 1) == 3);     // €
  CHECK(utf8_sequence_length("\xf0\x9f\x94\x91", 0) == 4);  // U+1F511
  CHECK(utf8_sequence_length("\xe2\x82", 0) == 0);          // cut short
  CHECK(utf8_sequence_length("\xc0\xaf", 0) == 0);          // overlong '/'
  CHECK(utf8_sequence_length("\xe0\x80\xaf", 0) == 0);      // overlong '/'
  CHECK(utf8_sequence_length("\xed\xa0\x80", 0) == 0);      // surrogate U+D800
  CHECK(utf8_sequence_length("\xf4\x90\x80\x80", 0) == 0);  // above U+10FFFF
  CHECK(utf8_sequence_length("\x80", 0) == 0);              // stray continuation byte
  CHECK(utf8_sequence_length("\xff", 0) == 0);
  CHECK(utf8_sequence_length("\xf4\x8f\xbf\xbf", 0) == 4);  // U+10FFFF
}

TEST_CASE("valid_utf8: one U+FFFD per byte that starts no valid sequence", "[utf8]") {
  const std::string r = "\xEF\xBF\xBD";
  CHECK(valid_utf8("") == "");
  CHECK(valid_utf8("plain ünï € \xf0\x9f\x94\x91") == "plain ünï € \xf0\x9f\x94\x91");
  CHECK(valid_utf8("bad \xff end") == "bad " + r + " end");
  CHECK(valid_utf8("\xed\xa0\x80") == r + r + r);
  CHECK(valid_utf8("cut \xe2\x82") == "cut " + r + r);
  CHECK(valid_utf8("\xc0\xafx") == r + r + "x");
  CHECK(valid_utf8("\x80\xc3\xa9") == r + "\xc3\xa9");
  CHECK(valid_utf8(std::string("nul\0kept", 8)) == std::string("nul\0kept", 8));
}
