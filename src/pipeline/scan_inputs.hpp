#pragma once
// Which files a scan reads: folders walked, and the template beside a parameters file named on
// its own.

#include <filesystem>
#include <string>
#include <vector>

#include "json/diagnostic.hpp"
#include "pipeline/scan.hpp"

namespace cmk::pipeline {

// collect_inputs over the scan's paths, with one addition: a parameters file X.parameters.json
// named without its template X.json brings X.json in (right after it), since a parameters file
// is only checked through the template it feeds. This is what a pre-commit hook passes when
// only the parameters file changed.
std::vector<std::filesystem::path> scan_input_paths(const ScanOptions& options,
                                                    Diagnostics& diagnostics);

// A warning when a scan read no template and no exported resource at all, and no input error
// explains why: the paths probably do not point where the user thinks.
void warn_if_nothing_scanned(const ScanOptions& options, const ScanStats& stats,
                             Diagnostics& diagnostics);

}  // namespace cmk::pipeline
