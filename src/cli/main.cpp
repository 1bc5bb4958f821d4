// cmkguard: checks that customer-managed-key encryption of Azure AI services is safe to deploy.

#include <exception>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "util/spelling.hpp"
#include "version.hpp"

namespace {

constexpr const char* kUsage = R"(usage: cmkguard <command> [options]

commands:
  scan PATH...        check ARM templates, parameter files and exported resources
  test DIR...         run rule fixtures and compare findings with their annotations
  rules               list the rules in effect
  explain RULE-ID     describe a rule: why it matters, how to fix it, references
  crypt ...           envelope encryption with a local key store (see 'cmkguard crypt --help')
  verify TEMPLATE...  prove the key a template configures works (needs --keystore DIR)

options:
  -h, --help          show this help
  --version           print the version

'cmkguard <command> --help' describes a command's options.
exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  const cmk::cli::Args args(argv + 2, argv + argc);
  try {
    if (command == "scan") return cmk::cli::run_scan(args);
    if (command == "test") return cmk::cli::run_test(args);
    if (command == "rules") return cmk::cli::run_rules(args);
    if (command == "explain") return cmk::cli::run_explain(args);
    if (command == "crypt") return cmk::cli::run_crypt(args);
    if (command == "verify") return cmk::cli::run_verify(args);
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "--version") {
      std::cout << "cmkguard " << cmk::kVersion << "\n";
      return 0;
    }
    const auto best = cmk::closest_match(
        command, std::vector<std::string>{"scan", "test", "rules", "explain", "crypt", "verify"});
    std::cerr << "cmkguard: unknown command '" << command << "'"
              << (best ? " (did you mean '" + *best + "'?)" : std::string()) << "\n"
              << kUsage;
    return 2;
  } catch (const std::exception& e) {
    // Library code reports errors as values; anything reaching here is a bug, still not a crash.
    std::cerr << "cmkguard: internal error: " << e.what() << "\n";
    return 2;
  }
}
