// Evaluates the whole shared corpus and prints counts (and with -v, every error), to measure
// the expression evaluator: expr_corpus [-v] [corpus-dir]

#include <algorithm>
#include <chrono>
#include <cstring>
#include <iostream>

#include "../tests/arm/expr/corpus_walk.hpp"

int main(int argc, char** argv) {
  bool verbose = false;
  std::filesystem::path dir = std::filesystem::path(CMKGUARD_SHARED_DIR) / "corpus";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-v") == 0) {
      verbose = true;
    } else {
      dir = argv[i];
    }
  }
  const auto start = std::chrono::steady_clock::now();
  cmk::arm::expr::testing::CorpusStats stats = cmk::arm::expr::testing::evaluate_corpus(dir);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  std::cout << "files " << stats.files << "\ntemplates (incl. nested) " << stats.templates
            << "\nexpressions " << stats.expressions << "\nunknown values " << stats.unknown_values
            << "\nresources skipped (condition false) " << stats.skipped_by_condition << "\ntime "
            << ms << " ms\nerrors by kind:\n";
  for (const auto& [kind, n] : stats.errors_by_kind) std::cout << "  " << kind << " " << n << "\n";
  std::cout << "unknown values by reason:\n";
  std::vector<std::pair<size_t, std::string>> reasons;
  for (const auto& [reason, n] : stats.unknowns_by_reason) reasons.emplace_back(n, reason);
  std::sort(reasons.rbegin(), reasons.rend());
  for (const auto& [n, reason] : reasons) std::cout << "  " << n << "  " << reason << "\n";
  for (const std::string& u : stats.unsupported) std::cout << "UNSUPPORTED " << u << "\n";
  if (verbose) {
    for (const std::string& s : stats.samples) std::cout << "ERROR " << s << "\n";
  }
  return stats.unsupported.empty() ? 0 : 1;
}
