#pragma once
// Small pieces the subcommands share: printing diagnostics, parsing common flags.

#include <boost/program_options.hpp>
#include <iosfwd>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "json/diagnostic.hpp"

namespace cmk::cli {

namespace po = boost::program_options;

// Prints errors and warnings (notes too when verbose) to `err`, one per diagnostic.
void print_diagnostics(const Diagnostics& ds, std::ostream& err, bool verbose);

// Parses `args` against `options`, with `positional` collecting the rest under `positional_name`.
// On a usage error prints it with the command's help and returns nullopt.
std::optional<po::variables_map> parse_args(const Args& args,
                                            const po::options_description& options,
                                            const char* positional_name, const std::string& usage);

// Writes `text` to FILE atomically, or to stdout when FILE is empty or "-". False on failure.
bool write_output(const std::string& file, const std::string& text, std::ostream& err);

}  // namespace cmk::cli
