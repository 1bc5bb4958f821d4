#pragma once
// Running another program without a shell: arguments are passed as they are, so no file name can
// be read as shell syntax. Used for `bicep build` and `git rev-parse`.

#include <optional>
#include <string>
#include <vector>

namespace cmk {

struct ProcessOutput {
  int exit_code = -1;  // the exit status; -1 when killed by a signal
  std::string out;     // standard output
  std::string err;     // standard error
};

struct ProcessResult {
  std::optional<ProcessOutput> output;  // empty when the program could not be started
  std::string error;                    // why it could not be started
};

// Runs argv[0] (looked up on PATH) with `argv`, standard input from /dev/null, and waits for it.
// Each of its outputs is kept up to `max_output` bytes; more is an error, and the program is
// killed, so a runaway child cannot exhaust memory.
ProcessResult run_process(const std::vector<std::string>& argv,
                          size_t max_output = size_t{64} * 1024 * 1024);

// The full path of `program` found on PATH (it must be an executable regular file), if any.
std::optional<std::string> find_on_path(const std::string& program);

}  // namespace cmk
