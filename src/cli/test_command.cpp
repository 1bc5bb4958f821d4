#include <iostream>

#include "cli/cli_support.hpp"
#include "pipeline/fixture_runner.hpp"
#include "rules/rule_loader.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kUsage =
    "usage: cmkguard test [options] DIR...\n"
    "Loads the rules under each DIR and checks them against their fixtures\n"
    "(<rule-id>[.<case>].fixture.json with // ruleid: / // ok: / // unknown: annotations)\n"
    "and scenarios (<name>.scenario.json, judged by every rule). DIRs without rules are\n"
    "judged by the built-in rules.\n"
    "exit codes: 0 all expectations met, 1 some not, 2 usage or input error";
}

int run_test(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("paths", po::value<std::vector<std::string>>(),
                                                    "rule directories");
  auto [vm, exit_code] = parse_command_line(args, options, "paths", kUsage);
  if (!vm) return exit_code;
  if (!vm->count("paths")) {
    std::cerr << "cmkguard test: no DIR given\n" << kUsage << "\n";
    return 2;
  }
  const auto paths = (*vm)["paths"].as<std::vector<std::string>>();
  rules::RuleLoadResult loaded = rules::load_rule_paths(paths);
  print_diagnostics(loaded.diagnostics, std::cerr, false);
  if (has_errors(loaded.diagnostics)) return 2;
  // Folders of scenarios only (whole deployments) are judged by the built-in rules.
  if (loaded.rules.empty()) loaded = rules::builtin_rules();
  if (loaded.rules.empty()) {
    std::cerr << "cmkguard test: no rules found\n";
    return 2;
  }
  const pipeline::FixtureReport report = pipeline::run_fixtures(loaded.rules, paths);
  print_diagnostics(report.problems, std::cerr, false);
  std::cout << loaded.rules.size() << " rule(s), " << report.fixtures << " fixture file(s)\n"
            << "fixtures: " << report.passed << " passed, " << report.failed << " failed\n";
  return report.failed == 0 ? 0 : 1;
}

}  // namespace cmk::cli
