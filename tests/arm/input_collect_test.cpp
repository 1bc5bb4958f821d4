// collect_inputs: which files a scan reads, and what it says about those it cannot.

#include <algorithm>
#include <catch2/catch.hpp>

#include "arm/input_file.hpp"
#include "arm/input_walk.hpp"
#include "test_support.hpp"

using namespace cmk;
namespace fs = std::filesystem;

TEST_CASE("collect_inputs: a directory that cannot be listed is an error naming it",
          "[input_collect]") {
  // Permission bits do not stop root, so this fails the listing of one folder through the
  // seam instead: the same path a mode-000 folder takes for other users (scan_hostile_test
  // checks that end to end when not run as root).
  const fs::path root = test::write_temp("collect/tree/a.json", "{}").parent_path();
  test::write_temp("collect/tree/locked/b.json", "{}");
  test::write_temp("collect/tree/open/c.json", "{}");
  auto list = [&](const fs::path& dir, std::vector<fs::directory_entry>& entries) {
    if (dir.filename() == "locked") return std::make_error_code(std::errc::permission_denied);
    return arm::list_directory(dir, entries);
  };
  Diagnostics diagnostics;
  const auto found = arm::collect_inputs({root.string()}, diagnostics, list);
  REQUIRE(found.size() == 2);
  CHECK(found[0].filename() == "a.json");
  CHECK(found[1].filename() == "c.json");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].level == DiagnosticLevel::Error);
  CHECK(diagnostics[0].file == (root / "locked").generic_string());
  CHECK(diagnostics[0].message == "cannot read directory: Permission denied");
}

TEST_CASE("collect_inputs: special files in a folder are skipped with a note", "[input_collect]") {
  const fs::path root = test::write_temp("collect/fifo/a.json", "{}").parent_path();
  test::make_fifo(root / "pipe.json");
  Diagnostics diagnostics;
  const auto found = arm::collect_inputs({root.string()}, diagnostics);
  REQUIRE(found.size() == 1);
  CHECK(found[0].filename() == "a.json");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].level == DiagnosticLevel::Note);
  CHECK(diagnostics[0].file == (root / "pipe.json").generic_string());
  CHECK(diagnostics[0].message == "skipped: a FIFO, not a regular file");
}

TEST_CASE("collect_inputs: a device named directly is kept, and refused when loaded",
          "[input_collect]") {
  Diagnostics diagnostics;
  const auto found = arm::collect_inputs({"/dev/zero"}, diagnostics);
  REQUIRE(found.size() == 1);
  CHECK(diagnostics.empty());
  const arm::LoadResult loaded = arm::load_file(found[0], "/dev/zero");
  CHECK_FALSE(loaded.file);
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].message == "not a regular file (a character device)");
}

TEST_CASE("input walk: folders walked one at a time give the inputs in full-path order",
          "[input_collect]") {
  // Names where a folder sorts among files: "a" before "a-b.json" and "a.json", and its files
  // before theirs, as a sort of the full paths puts them.
  const fs::path root = test::write_temp("walk-order/tree/a.json", "{}").parent_path();
  for (const char* name : {"a-b.json", "a/z.json", "a/b/c.json", "b.jsonc", "B.json", "c/d.bicep",
                           "c/notes.txt", "a/.hidden/e.json"}) {
    test::write_temp(std::string("walk-order/tree/") + name, "{}");
  }
  Diagnostics diagnostics;
  arm::InputWalk walk({root.string()});
  std::vector<fs::path> found;
  while (std::optional<fs::path> p = walk.next(diagnostics)) {
    found.push_back(*p);
    // Each input is beside the entries of its own folder, and nothing else.
    CHECK(walk.beside_last(p->filename()));
    CHECK_FALSE(walk.beside_last("no-such-file.json"));
  }
  std::vector<fs::path> sorted = found;
  std::sort(sorted.begin(), sorted.end());
  CHECK(found == sorted);
  REQUIRE(found.size() == 8);
  CHECK(found.front().filename() == "B.json");
  CHECK(found[1] == root / "a" / ".hidden" / "e.json");
  CHECK(found[2] == root / "a" / "b" / "c.json");
  CHECK(found[3] == root / "a" / "z.json");
  CHECK(found[4] == root / "a-b.json");
  CHECK(found[5] == root / "a.json");
  CHECK(diagnostics.empty());
  // collect_inputs is the same walk taken to its end.
  Diagnostics again;
  CHECK(arm::collect_inputs({root.string()}, again) == found);
}
