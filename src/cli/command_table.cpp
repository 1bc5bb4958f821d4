#include "cli/command_table.hpp"

#include <algorithm>
#include <iostream>
#include <vector>

#include "cli/cli_support.hpp"
#include "util/spelling.hpp"

namespace cmk::cli {

namespace {

std::string synopsis(const Command& command) {
  std::string text(command.name);
  if (!command.operands.empty()) text += " " + std::string(command.operands);
  return text;
}

}  // namespace

std::string command_listing(CommandTable commands) {
  size_t width = 0;
  for (const Command& command : commands) width = std::max(width, synopsis(command).size());
  std::string out;
  for (const Command& command : commands) {
    const std::string left = synopsis(command);
    out +=
        "  " + left + std::string(width - left.size() + 2, ' ') + std::string(command.help) + "\n";
  }
  return out;
}

int dispatch(CommandTable commands, std::string_view program, const std::string& usage,
             const Args& args) {
  if (args.empty()) {
    std::cerr << usage;
    return 2;
  }
  const std::string& name = args[0];
  const auto found = std::find_if(commands.begin(), commands.end(),
                                  [&](const Command& command) { return command.name == name; });
  if (found != commands.end()) return found->run(Args(args.begin() + 1, args.end()));
  if (name == "--help" || name == "-h" || name == "help") {
    std::cout << usage;
    return 0;
  }
  if (name == kRoffHelpArgument) {
    std::cout << roff_usage(usage);
    return 0;
  }
  std::vector<std::string_view> names;
  names.reserve(commands.size());
  for (const Command& command : commands) names.push_back(command.name);
  std::cerr << program << ": unknown command '" << name << "'" << did_you_mean(name, names) << "\n"
            << usage;
  return 2;
}

}  // namespace cmk::cli
