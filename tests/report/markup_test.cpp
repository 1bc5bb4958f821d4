#include "report/markup.hpp"

#include <catch2/catch.hpp>

using cmk::report::escape_markup;
using cmk::report::xml_text;

TEST_CASE("xml_text: valid UTF-8 without the control characters XML 1.0 forbids", "[markup]") {
  CHECK(xml_text("kv 'a' & <b> ünï") == "kv 'a' & <b> ünï");
  CHECK(xml_text("tab\tline\nreturn\r") == "tab\tline\nreturn\r");
  CHECK(xml_text(std::string("nul\0esc\x1b bell\x07", 14)) == "nul esc  bell ");
  CHECK(xml_text("bad \xff") == "bad \xEF\xBF\xBD");
}

TEST_CASE("escape_markup: safe in HTML text and attributes", "[markup]") {
  CHECK(escape_markup("Key vault 'kv & <co>' \"x\"") ==
        "Key vault &apos;kv &amp; &lt;co&gt;&apos; &quot;x&quot;");
  CHECK(escape_markup("a\x01z \xc3") == "a z \xEF\xBF\xBD");
}
