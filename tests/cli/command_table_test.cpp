// The command tables of `cmkguard` and `cmkguard crypt`: every command --help lists dispatches
// (its own --help works), a mistyped one gets the closest name, and help goes to stdout with exit
// code 0 while a missing or unknown command is a usage error.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

using cmk::test::contains;
using cmk::test::run_cmkguard;

namespace {

// The names a group's --help lists under "commands:", one an indented line.
std::vector<std::string> listed_commands(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help);
  bool in_list = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "commands:") {
      in_list = true;
    } else if (line.empty()) {
      in_list = false;
    } else if (in_list && line.starts_with("  ")) {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return names;
}

}  // namespace

TEST_CASE("command table: every command cmkguard --help lists has its own --help",
          "[command_table]") {
  const auto help = run_cmkguard("--help");
  REQUIRE(help.exit_code == 0);
  const std::vector<std::string> names = listed_commands(help.out);
  CHECK(names == std::vector<std::string>{"scan", "test", "rules", "explain", "crypt", "verify"});
  for (const std::string& name : names) {
    INFO(name);
    const auto own = run_cmkguard(name + " --help");
    CHECK(own.exit_code == 0);
    CHECK(contains(own.out, "usage: cmkguard " + name));
  }
  CHECK(run_cmkguard("-h").out == help.out);
  CHECK(run_cmkguard("help").out == help.out);
}

TEST_CASE("command table: every command cmkguard crypt --help lists has its own --help",
          "[command_table]") {
  const auto help = run_cmkguard("crypt --help");
  REQUIRE(help.exit_code == 0);
  const std::vector<std::string> names = listed_commands(help.out);
  CHECK(names == std::vector<std::string>{"vault", "key", "encrypt", "decrypt", "rewrap", "inspect",
                                          "pkcs11-key"});
  for (const std::string& name : names) {
    INFO(name);
    const auto own = run_cmkguard("crypt " + name + " --help");
    CHECK(own.exit_code == 0);
    CHECK(contains(own.out, "usage: cmkguard crypt " + name));
  }
}

TEST_CASE("command table: no command or an unknown one is a usage error with a suggestion",
          "[command_table]") {
  auto r = run_cmkguard("");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "usage: cmkguard <command>"));
  r = run_cmkguard("verfiy x.json");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "cmkguard: unknown command 'verfiy' (did you mean 'verify'?)"));
  r = run_cmkguard("crypt");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "usage: cmkguard crypt <command>"));
  r = run_cmkguard("crypt inpsect f");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "cmkguard crypt: unknown command 'inpsect' (did you mean 'inspect'?)"));
  CHECK(contains(run_cmkguard("crypt nonsense").err, "unknown command 'nonsense'\n"));
}
