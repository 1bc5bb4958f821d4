#pragma once
// Runs the built cmkguard binary for end-to-end tests: exit code plus stdout and stderr.

#include <string>
#include <vector>

namespace cmk::crypto::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

CliRun run_cmkguard(const std::vector<std::string>& args);

}  // namespace cmk::crypto::testing
