#pragma once
// Which files a scan reads: folders walked, and the template beside a parameters file named on
// its own.

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "arm/input_walk.hpp"
#include "json/diagnostic.hpp"
#include "pipeline/scan.hpp"

namespace cmk::pipeline {

// The inputs of an arm::InputWalk over the scan's paths, one at a time, with one addition: a
// parameters file X.parameters.json named without its template X.json brings X.json in (right
// after it), since a parameters file is only checked through the template it feeds. This is what
// a pre-commit hook passes when only the parameters file changed.
// When every path is a folder, each folder is walked as the inputs are asked for (a parameters
// file's template is then beside it, in the folder just listed); otherwise all paths are
// expanded on the first call, since a file named on its own may be found again in a folder.
class ScanInputs {
 public:
  explicit ScanInputs(const ScanOptions& options);

  // The next input, or nullopt when there is none left; what the walk finds to say goes to
  // `diagnostics`.
  std::optional<std::filesystem::path> next(Diagnostics& diagnostics);

 private:
  bool walk_as_asked_ = false;
  arm::InputWalk walk_;
  std::optional<std::vector<std::filesystem::path>> expanded_;  // when not walked as asked
  size_t next_expanded_ = 0;
  std::optional<std::filesystem::path> pending_template_;
  std::set<std::filesystem::path> brought_in_;  // templates added so far, normalised
};

// A warning when a scan read no template and no exported resource at all, and no input error
// explains why: the paths probably do not point where the user thinks.
void warn_if_nothing_scanned(const ScanOptions& options, const ScanStats& stats,
                             Diagnostics& diagnostics);

}  // namespace cmk::pipeline
