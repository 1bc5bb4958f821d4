// The README's scanning example is the real output of the command it shows.

#include <catch2/catch.hpp>
#include <string>

#include "test_support.hpp"

using namespace cmk::test;

TEST_CASE("README: the scanning example shows what the command prints", "[readme]") {
  const std::string readme = read_text(source_dir() / "README.md");
  const std::string command =
      "./build/cmkguard scan samples/bad-vault-without-purge-protection.json";
  const auto start = readme.find("```sh\n" + command + "\n");
  REQUIRE(start != std::string::npos);
  const auto body = start + 6 + command.size() + 1;
  const auto end = readme.find("```", body);
  REQUIRE(end != std::string::npos);
  const std::string shown = readme.substr(body, end - body);

  // Run from the project root so the paths print as the README shows them; no colour, as on a
  // page. Findings and the summary go to standard output.
  const auto r =
      run_command("cd " + q(source_dir()) + " && NO_COLOR=1 '" + CMKGUARD_BINARY +
                  "' scan samples/bad-vault-without-purge-protection.json" + " </dev/null");
  CHECK(r.exit_code == 1);
  CHECK(r.out == shown);
  CHECK(r.err.empty());
}
