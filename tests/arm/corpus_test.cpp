// Every real template in the shared corpus that Azure would accept must load; the deliberately
// invalid snippets must give clean errors with a place.

#include <catch2/catch.hpp>
#include <filesystem>

#include "arm/input_file.hpp"
#include "arm/template_model.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace cmk;

TEST_CASE("every corpus file Azure accepts loads, invalid snippets fail cleanly", "[corpus]") {
  const auto found = test::shared_path("corpus");
  if (!found) return;
  const fs::path& corpus = *found;
  // Documentation snippets that elide part of the template with "..." (not JSON, not deployable).
  const std::vector<std::string> elided = {
      "docs-samples/azure-resource-manager/functions/date/datetimeadd-automation.json"};

  size_t files = 0, templates = 0, parameters = 0, resources = 0, invalid = 0;
  size_t linking = 0, linked_files = 0;  // templates that follow a linked template; files read
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    ++files;
    const std::string rel = fs::relative(entry.path(), corpus).generic_string();
    const bool expected_invalid = rel.starts_with("docs-samples/azure-resource-manager/scope/") ||
                                  std::find(elided.begin(), elided.end(), rel) != elided.end();
    arm::LoadResult r = arm::load_file(entry.path(), rel);
    if (!r.file) {
      ++invalid;
      INFO(rel);
      CHECK(expected_invalid);
      REQUIRE_FALSE(r.diagnostics.empty());
      CHECK(r.diagnostics.front().line > 0);
      CHECK(r.diagnostics.front().column > 0);
      continue;
    }
    if (r.file->kind == arm::FileKind::Parameters) ++parameters;
    if (r.file->kind != arm::FileKind::Template) continue;
    ++templates;
    const arm::Model model = arm::build_model(*r.file);
    resources += model.resources.size();
    if (!model.linked_files.empty()) ++linking;
    linked_files += model.linked_files.size();
  }
  INFO("files " << files << ", templates " << templates << ", parameter files " << parameters
                << ", resources " << resources << ", invalid " << invalid << ", following "
                << linking << " linked (" << linked_files << " files)");
  CHECK(files > 4000);
  CHECK(templates > 2600);
  CHECK(parameters > 1400);
  // Fewer resources than declarations: a false condition or a zero-count copy loop under the
  // templates' default parameters means Azure would not deploy them.
  CHECK(resources > 15000);
  CHECK(invalid <= 20);
  // Quickstarts keep their linked templates beside the main one (nested/, nestedtemplates/).
  CHECK(linking > 60);
}
