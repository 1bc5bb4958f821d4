#pragma once
// Small pieces the subcommands share: printing diagnostics, parsing common flags.

#include <boost/program_options.hpp>
#include <charconv>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "cli/commands.hpp"
#include "json/diagnostic.hpp"

namespace cmk::cli {

namespace po = boost::program_options;

// How much of the diagnostics to print: errors only (--quiet), errors and warnings, or notes too
// (--verbose).
enum class Verbosity { Quiet, Normal, Verbose };

// Prints the diagnostics `verbosity` asks for to `err`, one per diagnostic.
void print_diagnostics(const Diagnostics& ds, std::ostream& err, Verbosity verbosity);
// Errors and warnings, and notes too when `verbose`.
void print_diagnostics(const Diagnostics& ds, std::ostream& err, bool verbose);

// Given as a command's only argument, what --help prints, as roff: the manual page
// (`cmkguard --help-man`, which the build turns into cmkguard.1) is made of it, so the page and
// --help cannot drift. Not listed in any help.
inline constexpr const char* kRoffHelpArgument = "--help-roff";

// `text` escaped for roff: backslashes, hyphens (as \-, so flags copy and search as typed) and
// lines that would start a request.
std::string roff_escape(std::string_view text);
// A usage text as roff: "usage:" lines and indented lines kept as they are (no-fill), the other
// lines filled as paragraphs (a line after one ending a sentence starts a new line).
std::string roff_usage(std::string_view text);

struct ParsedArgs {
  std::optional<po::variables_map> vm;  // empty: stop and return exit_code
  int exit_code = 0;
};

// The command-line parser every subcommand uses. Positional arguments collect under
// `positional_name` (may be null). --help (when `options` defines it) prints `usage` and the
// options to stdout (as roff for kRoffHelpArgument): exit code 0. A usage error prints it with
// `usage` to stderr: exit code 2.
ParsedArgs parse_command_line(const Args& args, const po::options_description& options,
                              const char* positional_name, const std::string& usage);

// `text` as a positive decimal number (digits only), or nullopt.
template <typename T>
std::optional<T> parse_positive(std::string_view text) {
  T value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value == 0) {
    return std::nullopt;
  }
  return value;
}

// --jobs N (a positive number), else one per processor; prints a usage error and returns
// nullopt on a bad value.
std::optional<unsigned> read_jobs(const po::variables_map& vm, const char* command);

// Writes `text` to FILE atomically, or to stdout when FILE is empty or "-". False on failure.
bool write_output(const std::string& file, const std::string& text, std::ostream& err);

}  // namespace cmk::cli
