#pragma once
// A file's path spelled the same however it was given on the command line and wherever the scan
// runs within one repository: what finding fingerprints (baselines, SARIF) are computed from.

#include <string>

namespace cmk {

// `file` (relative to the current directory, or absolute) made relative to the root of the git
// repository holding it (the nearest enclosing directory with a `.git` entry; a worktree's or
// submodule's `.git` file counts), else to the current directory; '/'-separated, no `.` or `..`
// segments unless the file lies outside the current directory. Thread-safe; results are cached.
std::string stable_path(const std::string& file);

}  // namespace cmk
