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

// The directory stable paths are relative to for files here: the root of the git repository
// holding the current directory (found as stable_path finds it), else the current directory.
// Absolute, symbolic links resolved, '/'-separated; empty if the current directory is unknown.
std::string source_root();

// `file` (relative to the current directory, or absolute) relative to `root` (absolute, as
// source_root gives it): '/'-separated, with `..` segments when the file lies outside `root`.
// Equals stable_path(file) when the file is in the repository (or directory) `root` names.
std::string path_relative_to(const std::string& root, const std::string& file);

}  // namespace cmk
