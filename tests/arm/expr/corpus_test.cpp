// Evaluates every template of the shared corpus: no unsupported function, no crash.

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "corpus_walk.hpp"
// The suite-wide helpers (shared_path); "test_support.hpp" here is the expression tests'.
#include "../../test_support.hpp"

using namespace cmk::arm::expr;

TEST_CASE("every corpus template evaluates without unsupported functions", "[corpus]") {
  const auto found = cmk::test::shared_path("corpus");
  if (!found) return;
  const std::filesystem::path& dir = *found;
  testing::CorpusStats stats = testing::evaluate_corpus(dir);
  std::ostringstream report;
  report << "files " << stats.files << ", templates (incl. nested) " << stats.templates
         << ", expressions " << stats.expressions << ", unknown values " << stats.unknown_values
         << "\nerrors by kind:";
  for (const auto& [kind, n] : stats.errors_by_kind) report << " " << kind << "=" << n;
  report << "\nunknown values by reason:";
  std::vector<std::pair<size_t, std::string>> reasons;
  for (const auto& [reason, n] : stats.unknowns_by_reason) reasons.emplace_back(n, reason);
  std::sort(reasons.rbegin(), reasons.rend());
  for (size_t i = 0; i < reasons.size() && i < 25; ++i) {
    report << "\n  " << reasons[i].first << "  " << reasons[i].second;
  }
  WARN(report.str());
  for (size_t i = 0; i < stats.unsupported.size() && i < 20; ++i)
    UNSCOPED_INFO(stats.unsupported[i]);
  CHECK(stats.files > 2500);
  CHECK(stats.unsupported.empty());
}
