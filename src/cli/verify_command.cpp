#include <iostream>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "cli/report_flags.hpp"
#include "verify/verify_report.hpp"
#include "verify/verify_run.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kUsage =
    "usage: cmkguard verify [options] TEMPLATE... --keystore DIR\n"
    "Finds the customer-managed key each Microsoft.CognitiveServices/accounts resource references\n"
    "(keyVaultUri + keyName + keyVersion, evaluated with the template's parameters), checks it in\n"
    "the key store and does a canary round trip.\n"
    "exit codes: 0 every key verified, 1 a check failed at or above --fail-on, 2 usage or input "
    "error";
}  // namespace

int run_verify(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "keystore", po::value<std::string>(), "key store directory (cmkguard crypt vault create)");
  add_report_flags(options,
                   "what a key reference not known before deployment does: fail | warn (listed) | "
                   "ignore");
  add_template_flags(options);
  options.add_options()("verbose,v", po::bool_switch(), "also print notes")(
      "templates", po::value<std::vector<std::string>>(), "templates to verify");
  auto [vm, exit_code] = parse_command_line(args, options, "templates", kUsage);
  if (!vm) return exit_code;
  if (!vm->count("templates") || !vm->count("keystore")) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  const auto ro = read_report_flags(*vm, "verify");
  const auto targets = read_report_targets(*vm, "verify");
  if (!ro || !targets) return 2;

  verify::VerifyOptions vo;
  vo.templates = (*vm)["templates"].as<std::vector<std::string>>();
  if (!read_template_flags(*vm, "verify", vo.inputs)) return 2;
  vo.now = crypto::system_now();

  auto vault = crypto::Vault::open((*vm)["keystore"].as<std::string>());
  if (!vault) {
    std::cerr << "cmkguard verify: error: " << vault.error().message << "\n";
    return 2;
  }
  const verify::VerifyRun run = verify::verify_templates(vo, *vault);
  const pipeline::ScanResult result = verify::to_scan_result(run);
  print_diagnostics(result.diagnostics, std::cerr, (*vm)["verbose"].as<bool>());

  return emit_report(result, verify::verify_rules(), *ro, *targets);
}

}  // namespace cmk::cli
