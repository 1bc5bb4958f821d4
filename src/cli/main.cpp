// cmkguard: checks that customer-managed-key encryption of Azure AI services is safe to deploy.

#include <array>
#include <exception>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "cli/cli_support.hpp"
#include "cli/command_table.hpp"
#include "cli/commands.hpp"
#include "cli/crypt_commands.hpp"
#include "version.hpp"

namespace {

// The commands, in the order --help lists them.
constexpr std::array kCommands{
    cmk::cli::Command{"scan", "PATH...",
                      "check ARM templates, parameter files and exported resources",
                      cmk::cli::run_scan},
    cmk::cli::Command{"test", "DIR...",
                      "run rule fixtures and compare findings with their annotations",
                      cmk::cli::run_test},
    cmk::cli::Command{"rules", "", "list the rules in effect", cmk::cli::run_rules},
    cmk::cli::Command{"explain", "RULE-ID",
                      "describe a rule: why it matters, how to fix it, references",
                      cmk::cli::run_explain},
    cmk::cli::Command{"crypt", "...",
                      "envelope encryption with a local key store (see 'cmkguard crypt --help')",
                      cmk::cli::run_crypt, cmk::cli::crypt_commands},
    cmk::cli::Command{"verify", "TEMPLATE...",
                      "prove the key a template configures works (needs --keystore DIR)",
                      cmk::cli::run_verify},
};

std::string usage() {
  return "usage: cmkguard <command> [options]\n"
         "\n"
         "commands:\n" +
         cmk::cli::command_listing(kCommands) +
         "\n"
         "options:\n"
         "  -h, --help          show this help\n"
         "  --version           print the version\n"
         "\n"
         "'cmkguard <command> --help' describes a command's options.\n"
         "exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error\n";
}

// What `command` prints for --help, as roff, as a section of the manual page.
// Nullopt when the command fails: the manual would be missing a section.
std::optional<std::string> help_section(const std::string& title,
                                        const cmk::cli::Command& command) {
  std::ostringstream captured;
  std::streambuf* const out = std::cout.rdbuf(captured.rdbuf());
  std::streambuf* const err = std::cerr.rdbuf(captured.rdbuf());
  int code = 2;
  try {
    code = command.run(cmk::cli::Args{cmk::cli::kRoffHelpArgument});
  } catch (...) {
    std::cout.rdbuf(out);
    std::cerr.rdbuf(err);
    throw;
  }
  std::cout.rdbuf(out);
  std::cerr.rdbuf(err);
  if (code != 0) {
    std::cerr << "cmkguard: --help-man: '" << title << " --help' failed\n";
    return std::nullopt;
  }
  return ".SS \"" + cmk::cli::roff_escape(title) + "\"\n" + captured.str();
}

// The sections of `commands` and of their subcommands, each after its group's; false when one
// fails.
bool add_help_sections(const std::string& prefix, cmk::cli::CommandTable commands,
                       std::string& page) {
  for (const cmk::cli::Command& command : commands) {
    const std::string title = prefix + " " + std::string(command.name);
    const auto section = help_section(title, command);
    if (!section) return false;
    page += *section;
    if (command.subcommands && !add_help_sections(title, command.subcommands(), page)) {
      return false;
    }
  }
  return true;
}

// The manual page cmkguard(1), made of the same usage texts and option descriptions --help
// prints. Hidden: the build runs it to write cmkguard.1.
int print_man_page() {
  std::string page =
      std::string(".TH CMKGUARD 1 \"\" \"cmkguard ") + cmk::kVersion +
      "\" \"User Commands\"\n"
      ".nh\n.ad l\n"
      ".SH NAME\n"
      "cmkguard \\- check Azure ARM templates for customer\\-managed\\-key problems\n"
      ".SH DESCRIPTION\n" +
      cmk::cli::roff_usage(usage()) + ".SH COMMANDS\n";
  if (!add_help_sections("cmkguard", kCommands, page)) return 2;
  page +=
      ".SH SEE ALSO\n"
      "The README and docs/ of the cmkguard sources; installed from the Debian package under\n"
      "/usr/share/doc/cmkguard/.\n";
  std::cout << page;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const cmk::cli::Args args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == "--version") {
      std::cout << "cmkguard " << cmk::kVersion << "\n";
      return 0;
    }
    if (!args.empty() && args[0] == "--help-man") return print_man_page();
    return cmk::cli::dispatch(kCommands, "cmkguard", usage(), args);
  } catch (const std::exception& e) {
    // Library code reports errors as values; anything reaching here is a bug, still not a crash.
    std::cerr << "cmkguard: internal error: " << e.what() << "\n";
    return 2;
  }
}
