// End-to-end: `scan -o` writes a FIFO (or device) it is given instead of replacing it.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "test_support.hpp"

using cmk::test::q;
using cmk::test::run_cmkguard;
using cmk::test::write_temp;

TEST_CASE("scan: -o names a FIFO: the report is written into it", "[output]") {
  const auto input = write_temp("output/fifo/a.json", cmk::test::vault_named("kv"));
  const auto fifo = input.parent_path() / "report.pipe";
  cmk::test::make_fifo(fifo);
  std::string got;
  std::thread reader([&] {
    std::ifstream in(fifo);
    std::ostringstream ss;
    ss << in.rdbuf();
    got = ss.str();
  });
  const auto r = run_cmkguard("scan --format json -o " + q(fifo) + " " + q(input));
  reader.join();
  CHECK(r.exit_code == 1);
  CHECK(got.find("\"rule\": \"kv-purge-protection\"") != std::string::npos);
  CHECK(std::filesystem::is_fifo(std::filesystem::symlink_status(fifo)));
}
