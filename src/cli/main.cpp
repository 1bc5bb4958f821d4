// cmkguard: checks that customer-managed-key encryption of Azure AI services is safe to deploy.

#include <exception>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "cli/crypt_commands.hpp"
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

// What `run` prints for --help, as roff. parse_command_line writes roff itself when given
// kRoffHelpArgument; the commands that print a fixed usage text (crypt, crypt inspect) are given
// --help and their text is converted here.
// Nullopt when the command fails: the manual would be missing a section.
std::optional<std::string> help_section(const std::string& title,
                                        const std::function<int(const cmk::cli::Args&)>& run,
                                        const cmk::cli::Args& args) {
  std::ostringstream captured;
  std::streambuf* const out = std::cout.rdbuf(captured.rdbuf());
  std::streambuf* const err = std::cerr.rdbuf(captured.rdbuf());
  int code = 2;
  try {
    code = run(args);
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
  const std::string text = captured.str();
  return ".SS \"" + cmk::cli::roff_escape(title) + "\"\n" +
         (text.starts_with(".") ? text : cmk::cli::roff_usage(text));
}

// The manual page cmkguard(1), made of the same usage texts and option descriptions --help
// prints. Hidden: the build runs it to write cmkguard.1.
int print_man_page() {
  using cmk::cli::Args;
  struct Section {
    std::string title;
    std::function<int(const Args&)> run;
    Args args;
  };
  const Args help{cmk::cli::kRoffHelpArgument};
  const Args text_help{"--help"};
  const std::vector<Section> sections{
      {"cmkguard scan", cmk::cli::run_scan, help},
      {"cmkguard rules", cmk::cli::run_rules, help},
      {"cmkguard explain", cmk::cli::run_explain, help},
      {"cmkguard test", cmk::cli::run_test, help},
      {"cmkguard verify", cmk::cli::run_verify, help},
      {"cmkguard crypt", cmk::cli::run_crypt, text_help},
      {"cmkguard crypt vault", cmk::cli::run_crypt_vault, help},
      {"cmkguard crypt key", cmk::cli::run_crypt_key, help},
      {"cmkguard crypt encrypt", cmk::cli::run_crypt_encrypt, help},
      {"cmkguard crypt decrypt", cmk::cli::run_crypt_decrypt, help},
      {"cmkguard crypt rewrap", cmk::cli::run_crypt_rewrap, help},
      {"cmkguard crypt inspect", cmk::cli::run_crypt_inspect, text_help},
      {"cmkguard crypt pkcs11-key", cmk::cli::run_crypt_pkcs11_key, help},
  };
  std::string page =
      std::string(".TH CMKGUARD 1 \"\" \"cmkguard ") + cmk::kVersion +
      "\" \"User Commands\"\n"
      ".nh\n.ad l\n"
      ".SH NAME\n"
      "cmkguard \\- check Azure ARM templates for customer\\-managed\\-key problems\n"
      ".SH DESCRIPTION\n" +
      cmk::cli::roff_usage(kUsage) + ".SH COMMANDS\n";
  for (const Section& s : sections) {
    const auto section = help_section(s.title, s.run, s.args);
    if (!section) return 2;
    page += *section;
  }
  page +=
      ".SH SEE ALSO\n"
      "The README and docs/ of the cmkguard sources; installed from the Debian package under\n"
      "/usr/share/doc/cmkguard/.\n";
  std::cout << page;
  return 0;
}

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
    if (command == "--help-man") return print_man_page();
    std::cerr << "cmkguard: unknown command '" << command << "'"
              << cmk::did_you_mean(command, std::vector<std::string>{"scan", "test", "rules",
                                                                     "explain", "crypt", "verify"})
              << "\n"
              << kUsage;
    return 2;
  } catch (const std::exception& e) {
    // Library code reports errors as values; anything reaching here is a bug, still not a crash.
    std::cerr << "cmkguard: internal error: " << e.what() << "\n";
    return 2;
  }
}
