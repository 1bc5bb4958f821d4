// Several reports from one scan: --output FORMAT=FILE beside the console's text report.

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "json/reader.hpp"
#include "test_support.hpp"

using cmk::test::q;

using namespace cmk;
using test::run_cmkguard;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kBadVault = cmk::test::kSoftDeleteOffVault;
}  // namespace

TEST_CASE("--output FORMAT=FILE writes each report while the text report goes to the console") {
  const auto bad = test::write_temp("outputs/in/bad.json", kBadVault);
  const auto dir = bad.parent_path().parent_path() / "reports";
  std::filesystem::create_directories(dir);
  const auto r = run_cmkguard("scan --no-config --output sarif=" + q(dir / "results.sarif") +
                              " --output junit=" + q(dir / "results.xml") +
                              " --output html=" + q(dir / "report.html") +
                              " --output json=" + q(dir / "r.json") + " " + q(bad));
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  CHECK(r.out.find(": high: Key vault 'kv1' disables soft delete") != std::string::npos);
  CHECK(r.out.find("1 file(s) scanned") != std::string::npos);

  json::ParseResult sarif = json::parse(json::SourceText("sarif", slurp(dir / "results.sarif")));
  REQUIRE(sarif.root);
  CHECK(sarif.root->find("version")->as_string() == "2.1.0");
  json::ParseResult report = json::parse(json::SourceText("json", slurp(dir / "r.json")));
  REQUIRE(report.root);
  CHECK(report.root->find("summary")->find("failed")->as_int() == 1);
  CHECK(slurp(dir / "results.xml").find("<testsuites") != std::string::npos);
  CHECK(slurp(dir / "report.html").find("<html") != std::string::npos);
  // Written atomically: no temporary file is left beside the reports.
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    CHECK(e.path().filename().string().front() != '.');
    ++files;
  }
  CHECK(files == 4);
}

TEST_CASE("-o FILE keeps its meaning beside --output FORMAT=FILE") {
  const auto bad = test::write_temp("outputs2/bad.json", kBadVault);
  const auto dir = bad.parent_path();
  const auto r = run_cmkguard("scan --no-config --format json -o " + q(dir / "main.json") +
                              " --output markdown=" + q(dir / "audit.md") + " " + q(bad));
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  json::ParseResult main = json::parse(json::SourceText("json", slurp(dir / "main.json")));
  REQUIRE(main.root);
  CHECK(main.root->find("findings") != nullptr);
  CHECK(slurp(dir / "audit.md").find("kv-soft-delete") != std::string::npos);
  // A path whose text before '=' holds a '/' or '.' is a file, not FORMAT=FILE.
  const auto odd = dir / "a=b.txt";
  CHECK(run_cmkguard("scan --no-config -o " + q(odd) + " " + q(bad)).exit_code == 1);
  CHECK(slurp(odd).find("1 file(s) scanned") != std::string::npos);
}

TEST_CASE("an unknown --output format is a usage error with a suggestion") {
  const auto bad = test::write_temp("outputs3/bad.json", kBadVault);
  const auto target = bad.parent_path() / "x.sarif";
  auto r = run_cmkguard("scan --no-config --output srif=" + q(target) + " " + q(bad));
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "cmkguard scan: --output: unknown format 'srif' (did you mean 'sarif'?); formats: text, "
        "json, sarif, sarif-github, junit, markdown, html\n");
  CHECK_FALSE(std::filesystem::exists(target));
  r = run_cmkguard("scan --no-config --format jsn " + q(bad));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown format 'jsn' (did you mean 'json'?)") != std::string::npos);
  r = run_cmkguard("scan --no-config -o " + q(target) + " -o " + q(target) + " " + q(bad));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "cmkguard scan: --output FILE given twice (use FORMAT=FILE for more reports)\n");
  r = run_cmkguard("scan --no-config --output sarif=- " + q(bad));
  CHECK(r.exit_code == 2);
  r = run_cmkguard("scan --no-config --explain-values --output json=" + q(target) + " " + q(bad));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "cmkguard scan: --explain-values writes no FORMAT=FILE reports\n");
}

TEST_CASE("an unwritable --output report exits 2 and the others are still written") {
  const auto bad = test::write_temp("outputs4/bad.json", kBadVault);
  const auto dir = bad.parent_path();
  const auto r = run_cmkguard("scan --no-config --output sarif=" + q(dir / "no/such/r.sarif") +
                              " --output junit=" + q(dir / "r.xml") + " " + q(bad));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot write") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "r.xml"));
}
