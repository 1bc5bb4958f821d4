#pragma once
// Which files a scan reads and how each is loaded: folders walked, the template beside a
// parameters file named on its own, standard input, Bicep files.

#include <filesystem>
#include <string>
#include <vector>

#include "arm/input_file.hpp"
#include "json/diagnostic.hpp"
#include "rules/scan.hpp"

namespace cmk::rules {

// How standard input ("-") is shown in reports.
inline constexpr const char* kStdinName = "<stdin>";

// collect_inputs over the scan's paths, with one addition: a parameters file X.parameters.json
// named without its template X.json brings X.json in (right after it), since a parameters file
// is only checked through the template it feeds. This is what a pre-commit hook passes when
// only the parameters file changed.
std::vector<std::filesystem::path> scan_input_paths(const ScanOptions& options,
                                                    Diagnostics& diagnostics);

// `path` shown as in reports: "<stdin>" for "-", else normalised with '/' separators.
std::string input_display_name(const std::filesystem::path& path);

// Loads one input: "-" from ScanOptions::stdin_text; a .bicep file compiled (compile_bicep) or
// left out with a warning saying how to compile it; anything else read as JSON.
arm::LoadResult load_input(const std::filesystem::path& path, const std::string& display,
                           const ScanOptions& options);

// A warning when a scan read no template and no exported resource at all, and no input error
// explains why: the paths probably do not point where the user thinks.
void warn_if_nothing_scanned(const ScanOptions& options, const ScanStats& stats,
                             Diagnostics& diagnostics);

}  // namespace cmk::rules
