#pragma once
// What the crypt subcommands share besides flag parsing (cli_support.hpp): their positional
// arguments and mapping library errors to exit codes (0 success, 1 an operation or decryption
// failed, 2 usage or input error).

#include <string>
#include <vector>

#include "cli/cli_support.hpp"
#include "crypto/result.hpp"

namespace cmk::cli {

// The positional arguments collected under "args" (empty when there are none).
std::vector<std::string> positionals(const po::variables_map& vm);

// Prints "cmkguard <command>: error: <message>" and returns the exit code for the error.
int report_error(const std::string& command, const crypto::Error& error);

int exit_code_for(crypto::ErrorCode code);

}  // namespace cmk::cli
