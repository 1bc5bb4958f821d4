#pragma once
// What the crypt and verify subcommands share: flag parsing and mapping library errors to exit
// codes (0 success, 1 a check or decryption failed, 2 usage or input error).

#include <boost/program_options.hpp>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "crypto/result.hpp"

namespace cmk::cli {

namespace po = boost::program_options;

struct ParsedArgs {
  std::optional<po::variables_map> vm;  // empty: return exit_code
  int exit_code = 0;
};

// Parses `args`; positional arguments collect under `positional` (may be null). --help prints
// `usage` and the options (exit 0); a usage error prints it with `usage` to stderr (exit 2).
ParsedArgs parse_crypt_args(const Args& args, const po::options_description& options,
                            const char* positional, const std::string& usage);

// The positional arguments collected under "args" (empty when there are none).
std::vector<std::string> positionals(const po::variables_map& vm);

// Prints "cmkguard <command>: error: <message>" and returns the exit code for the error.
int report_error(const std::string& command, const crypto::Error& error);

int exit_code_for(crypto::ErrorCode code);

}  // namespace cmk::cli
