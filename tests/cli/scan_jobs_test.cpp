// End-to-end: scanning files on several threads gives the same report as on one.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "test_support.hpp"

using cmk::test::q;
using cmk::test::run_cmkguard;
using cmk::test::shared_path;
using cmk::test::source_dir;

namespace {

// Every result, diagnostic and note of a scan, as JSON and as text.
std::string reports(const std::string& paths, unsigned jobs) {
  const std::string j = " -j " + std::to_string(jobs);
  const auto json = run_cmkguard("scan " + paths + " --all --verbose --format json" + j);
  const auto text = run_cmkguard("scan " + paths + " --all --verbose" + j);
  REQUIRE(json.exit_code == text.exit_code);
  return std::to_string(json.exit_code) + json.out + json.err + text.out + text.err;
}

}  // namespace

TEST_CASE("scan -j: the report does not depend on the number of threads", "[threads]") {
  // Scenarios and estates link accounts to vaults, keys and grants in other files: the files
  // judged last, once every file is read, are the ones threads could reorder.
  const std::string ours = q(source_dir() / "tests/scenarios") + " " +
                           q(source_dir() / "tests/estates") + " " + q(source_dir() / "samples");
  const std::string one = reports(ours, 1);
  CHECK(one.find("\"findings\"") != std::string::npos);
  CHECK(reports(ours, 2) == one);
  CHECK(reports(ours, 5) == one);

  // Thousands of real templates, with input errors, warnings and notes among them.
  const auto found = shared_path("corpus/quickstarts");
  if (!found) return;
  const auto& corpus = *found;
  const std::string many = reports(q(corpus), 1);
  CHECK(reports(q(corpus), 2) == many);
  CHECK(reports(q(corpus), 3) == many);
}

TEST_CASE("scan -j: a count that is not a positive number is a usage error") {
  for (const char* bad : {"0", "-1", "two", "1.5", ""}) {
    const auto r =
        run_cmkguard(std::string("scan -j '") + bad + "' " + q(source_dir() / "samples"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--jobs takes a positive number") != std::string::npos);
  }
}
