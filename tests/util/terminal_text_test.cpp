#include "util/terminal_text.hpp"

#include <catch2/catch.hpp>

using cmk::terminal_safe;

TEST_CASE("terminal_safe: C0, DEL, C1 and invalid bytes are escaped", "[terminal_text]") {
  CHECK(terminal_safe("plain 'kv' ünï €") == "plain 'kv' ünï €");
  CHECK(terminal_safe("a\x1b]0;title\x07z") == "a\\x1b]0;title\\x07z");
  CHECK(terminal_safe("x\x1b[2J\nforged:1:1: high") == "x\\x1b[2J\\x0aforged:1:1: high");
  CHECK(terminal_safe(std::string("nul\0cr\r", 7)) == "nul\\x00cr\\x0d");
  CHECK(terminal_safe("del\x7f") == "del\\x7f");
  CHECK(terminal_safe("csi\xc2\x9b"
                      "2J") == "csi\\u009b2J");    // U+009B, the 8-bit CSI
  CHECK(terminal_safe("\xc2\xa0") == "\xc2\xa0");  // U+00A0 is no control
  CHECK(terminal_safe("raw\x9b"
                      "2J") == "raw\\x9b2J");  // not UTF-8
  CHECK(terminal_safe("a\tb") == "a\\x09b");
  CHECK(terminal_safe("a\tb", /*keep_tab=*/true) == "a\tb");
}
