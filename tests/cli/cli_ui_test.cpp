// The command line as people meet it: colour, --help and --version, `rules` output for scripts,
// `failOn: none` in the configuration.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "json/reader.hpp"
#include "test_support.hpp"

using cmk::test::contains;
using cmk::test::q;
using cmk::test::run_cmkguard;
using cmk::test::write_temp;

namespace {

// cmkguard run on a pseudo-terminal (util-linux `script`), as a user at a shell would.
cmk::test::CommandResult on_terminal(const std::string& env, const std::string& args) {
  const std::string inner =
      (env.empty() ? "" : "env " + env + " ") + "'" + std::string(CMKGUARD_BINARY) + "' " + args;
  return cmk::test::run_command("script -qec " + q(inner) + " /dev/null </dev/null");
}

}  // namespace

TEST_CASE("colour: severity, rule id and location on a terminal, none elsewhere", "[cli_ui]") {
  const auto t = write_temp("colour/t.json", cmk::test::kSoftDeleteOffVault);
  auto r = run_cmkguard("scan --no-config --color always " + q(t));
  CHECK(contains(r.out, "\x1b[1m" + t.string() + ":4:"));
  CHECK(contains(r.out, "\x1b[1;31mhigh\x1b[0m"));
  CHECK(contains(r.out, "[\x1b[36mkv-soft-delete\x1b[0m]"));
  // Not a terminal (a file): no escapes, also with NO_COLOR unset.
  r = run_cmkguard("scan --no-config " + q(t));
  CHECK_FALSE(contains(r.out, "\x1b["));
  CHECK(run_cmkguard("scan --no-config --color sometimes " + q(t)).exit_code == 2);
  // A terminal: colour, unless NO_COLOR is set or --color never.
  r = on_terminal("", "scan --no-config " + q(t));
  CHECK(contains(r.out, "\x1b[1;31mhigh\x1b[0m"));
  r = on_terminal("NO_COLOR=1", "scan --no-config " + q(t));
  CHECK(contains(r.out, "high: Key vault"));
  CHECK_FALSE(contains(r.out, "\x1b[1;31m"));
  r = on_terminal("", "scan --no-config --color never " + q(t));
  CHECK_FALSE(contains(r.out, "\x1b[1;31m"));
  // Files written with -o get no colour on a terminal either.
  const auto out = t.parent_path() / "report.txt";
  on_terminal("", "scan --no-config -o " + q(out) + " " + q(t));
  const std::string text = cmk::test::read_text(out);
  CHECK(contains(text, "[kv-soft-delete]"));
  CHECK_FALSE(contains(text, "\x1b["));
}

TEST_CASE("--help lists --version; --version prints it", "[cli_ui]") {
  const auto help = run_cmkguard("--help");
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "  --version "));
  const auto version = run_cmkguard("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.find("cmkguard ") == 0);
  CHECK(contains(run_cmkguard("scan --help").out, "--color"));
}

TEST_CASE("rules --format json: id, severity, title, resource types, help URI", "[cli_ui]") {
  const auto r = run_cmkguard("rules --format json");
  CHECK(r.exit_code == 0);
  cmk::json::ParseResult p = cmk::json::parse(cmk::json::SourceText("rules", r.out));
  REQUIRE(p.root);
  const auto& list = p.root->find("rules")->items();
  REQUIRE(list.size() >= 7);
  bool found = false;
  for (const auto& rule : list) {
    if (rule.find("id")->as_string() != "kv-soft-delete") continue;
    found = true;
    CHECK(rule.find("severity")->as_string() == "high");
    CHECK(rule.find("title")->as_string() == "Key vault keeps soft delete enabled");
    CHECK(rule.find("resourceTypes")->items().at(0).as_string() == "Microsoft.KeyVault/vaults");
    CHECK(rule.find("helpUri")->as_string().find("https://") == 0);
  }
  CHECK(found);
  const auto one = run_cmkguard("rules --format json kv-soft-delete");
  CHECK(contains(one.out, "\"id\": \"kv-soft-delete\""));
  CHECK_FALSE(contains(one.out, "kv-purge-protection"));
  CHECK(run_cmkguard("rules --format yaml").exit_code == 2);
  // --ids (the positional's name) works as the operands do.
  const auto ids = run_cmkguard("rules --ids kv-soft-delete");
  CHECK(ids.exit_code == 0);
  CHECK(ids.out == run_cmkguard("rules kv-soft-delete").out);
}

TEST_CASE("failOn: none in the configuration reports everything and exits 0", "[cli_ui]") {
  const auto t = write_temp("failon-none/t.json", cmk::test::kSoftDeleteOffVault);
  const auto config = write_temp("failon-none/.cmkguard.yaml", "failOn: none\n");
  auto r = run_cmkguard("scan --config " + q(config) + " " + q(t));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "[kv-soft-delete]"));
  CHECK(contains(r.out, "nothing fails (--fail-on none)"));
  // The flag still overrides the configuration.
  CHECK(run_cmkguard("scan --config " + q(config) + " --fail-on high " + q(t)).exit_code == 1);
  const auto bad = write_temp("failon-none/bad.yaml", "failOn: never\n");
  r = run_cmkguard("scan --config " + q(bad) + " " + q(t));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err,
                 "bad.yaml:1:9: error: failOn must be critical, high, medium, low, info or none"));
}

TEST_CASE("crypt: a mistyped subcommand or key action gets a suggestion", "[cli_ui]") {
  auto r = run_cmkguard("crypt encrpyt x");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "cmkguard crypt: unknown command 'encrpyt' (did you mean 'encrypt'?)"));
  const auto kv = write_temp("crypt-typo/placeholder", "").parent_path() / "kv";
  REQUIRE(run_cmkguard("crypt vault create " + q(kv) + " --name contoso").exit_code == 0);
  r = run_cmkguard("crypt key rotat " + q(kv) + " k1");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "unknown action 'rotat' (did you mean 'rotate'?)"));
}
