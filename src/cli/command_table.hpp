#pragma once
// A command group's table: each command's name, operands and one-line help, and the handler that
// runs it. The group's --help listing, dispatch by name, the suggestion for a mistyped name and
// the manual page's sections all come from it, so they cannot disagree.

#include <span>
#include <string>
#include <string_view>

#include "cli/commands.hpp"

namespace cmk::cli {

struct Command;

// A group's commands, in the order --help lists them.
using CommandTable = std::span<const Command>;

struct Command {
  std::string_view name;
  std::string_view operands;  // after the name in the listing, e.g. "PATH..."
  std::string_view help;      // one line
  // Returns the process exit code (commands.hpp).
  int (*run)(const Args& args) = nullptr;
  // A group's own table (crypt's subcommands), so the manual page documents them too.
  CommandTable (*subcommands)() = nullptr;
};

// "  NAME OPERANDS  HELP" a line for each command, the help column aligned.
std::string command_listing(CommandTable commands);

// Runs the command `args[0]` names with the remaining arguments. `program` ("cmkguard",
// "cmkguard crypt") starts messages; `usage` is the group's help. No command, or an unknown one
// (with the closest name suggested): the usage on stderr, exit code 2. --help, -h or help: the
// usage on stdout, exit code 0; kRoffHelpArgument: the same as roff.
int dispatch(CommandTable commands, std::string_view program, const std::string& usage,
             const Args& args);

}  // namespace cmk::cli
