// End-to-end: names, messages and source lines from a template cannot drive the terminal or
// forge report lines.

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <string>

#include "test_support.hpp"

using cmk::test::q;
using cmk::test::run_cmkguard;
using cmk::test::write_temp;

namespace {

std::string vault(const std::string& name) { return cmk::test::vault_named(name); }

bool has_control_bytes(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && u != '\n') || u == 0x7F;
  });
}

}  // namespace

TEST_CASE("scan: control characters in names never reach the terminal", "[hostile]") {
  // A title-setting OSC, and a clear-screen CSI followed by a newline and a forged finding line.
  const std::string resource = vault("NAME").substr(vault("NAME").find("{\"type\""));
  const std::string second = resource.substr(0, resource.rfind(']'));
  std::string text = vault("kv\\u001b]0;owned\\u0007");
  text.insert(text.rfind(']'),
              "," + std::regex_replace(second, std::regex("NAME"),
                                       "kv\\u001b[2J\\nforged.json:1:1: high: fake"));
  const auto t = write_temp("hostile/esc.json", text);
  const auto r = run_cmkguard("scan " + q(t));
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK_FALSE(has_control_bytes(r.out));
  CHECK_FALSE(has_control_bytes(r.err));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 3);  // two findings and the summary
  CHECK(r.out.find("'kv\\x1b]0;owned\\x07'") != std::string::npos);
  CHECK(r.out.find("'kv\\x1b[2J\\x0aforged.json:1:1: high: fake'") != std::string::npos);
}

TEST_CASE("scan --explain-values: control characters in names are escaped", "[hostile]") {
  const auto t = write_temp("hostile/explain.json", vault("kv\\u001b[2J\\nforged"));
  const auto r = run_cmkguard("scan --explain-values " + q(t));
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK_FALSE(has_control_bytes(r.out));
  CHECK(r.out.find("Microsoft.KeyVault/vaults 'kv\\x1b[2J\\x0aforged'\n") != std::string::npos);
  CHECK(r.out.find("  name = \"kv\\u001b[2J\\nforged\"\n") != std::string::npos);
}

TEST_CASE("scan: raw control bytes quoted in a diagnostic are escaped", "[hostile]") {
  // The parser takes raw control characters inside strings; the error is at `oops`, and the
  // caret stays under it although the escape before it prints four columns wide.
  const auto t = write_temp("hostile/raw.json", "{\"a\": \"\x1b[2J\" oops}");
  const auto r = run_cmkguard("scan " + q(t));
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK_FALSE(has_control_bytes(r.err));
  CHECK(r.err.find(":1:14: error: ") != std::string::npos);
  CHECK(r.err.find("\n  {\"a\": \"\\x1b[2J\" oops}\n  " + std::string(16, ' ') + "^\n") !=
        std::string::npos);
}
