#pragma once
// Temporary directories and whole-file helpers for the crypto tests.

#include <string>

#include "temp_dir.hpp"

namespace cmk::crypto::testing {

using TempDir = cmk::test::TempDir;

std::string read_all(const std::string& path);
void write_all(const std::string& path, const std::string& contents);

}  // namespace cmk::crypto::testing
