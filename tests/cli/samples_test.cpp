// The bundled samples are what samples/README.md says: the compliant template gives no failure and
// no unknown, and each rule has a bad sample that fails exactly the rules its row names, with no
// unknown.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "json/reader.hpp"
#include "rules/rule_loader.hpp"
#include "test_support.hpp"

using namespace cmk;
using test::q;
using test::run_cmkguard;
using test::source_dir;

namespace {

struct Row {
  std::set<std::string> rules;
  std::string flags;  // e.g. --tenant-id GUID
};

// The table of samples/README.md: file -> the rules it must fail, and the flags it is scanned with.
std::map<std::string, Row> readme_rows() {
  std::ifstream in(source_dir() / "samples/README.md");
  std::map<std::string, Row> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| bad-", 0) != 0 && line.rfind("| good-", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream cellstream(line.substr(1));
    for (std::string cell; std::getline(cellstream, cell, '|');) {
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
    }
    REQUIRE(cells.size() >= 3);
    Row row;
    std::stringstream ids(cells[1]);
    for (std::string id; std::getline(ids, id, ',');) {
      id.erase(0, id.find_first_not_of(' '));
      if (id != "—") row.rules.insert(id);
    }
    if (const size_t at = cells[2].find("`--tenant-id "); at != std::string::npos) {
      row.flags = cells[2].substr(at + 1, cells[2].find('`', at + 1) - at - 1);
    }
    rows[cells[0]] = row;
  }
  return rows;
}

// Rule ids that failed, and the number of unknown results, of a JSON report.
std::pair<std::set<std::string>, size_t> outcome(const std::string& report) {
  json::ParseResult p = json::parse(json::SourceText("report", report));
  REQUIRE(p.root);
  std::set<std::string> failed;
  size_t unknown = 0;
  for (const json::Value& f : p.root->find("findings")->items()) {
    const std::string& result = f.find("result")->as_string();
    if (result == "fail") failed.insert(f.find("rule")->as_string());
    if (result == "unknown") ++unknown;
  }
  return {failed, unknown};
}

}  // namespace

TEST_CASE("samples: the good one passes everything; each rule has a bad one failing just it") {
  const std::map<std::string, Row> rows = readme_rows();
  // Every sample file has a row, and every row a file.
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() / "samples")) {
    if (e.path().extension() == ".json") files.insert(e.path().filename().string());
  }
  std::set<std::string> listed;
  for (const auto& [file, row] : rows) listed.insert(file);
  CHECK(files == listed);

  std::set<std::string> covered;
  for (const auto& [file, row] : rows) {
    INFO(file << " " << row.flags);
    const std::string path = q(source_dir() / "samples" / file);
    const auto r = run_cmkguard("scan --no-config --format json " + row.flags + " " + path);
    const auto [failed, unknown] = outcome(r.out);
    CHECK(failed == row.rules);
    CHECK(unknown == 0);
    covered.insert(row.rules.begin(), row.rules.end());
    if (file.rfind("good-", 0) == 0) {
      CHECK(row.rules.empty());
      CHECK(r.exit_code == 0);
      // Without a deployment context too: nothing is left undecided.
      const auto plain = outcome(run_cmkguard("scan --no-config --format json " + path).out);
      CHECK(plain.first.empty());
      CHECK(plain.second == 0);
    }
  }
  for (const rules::Rule& rule : rules::builtin_rules().rules) {
    INFO(rule.id);
    CHECK(covered.count(rule.id) == 1);
  }
}
