#include <iostream>

#include "cli/crypt_cli_support.hpp"
#include "cli/crypt_commands.hpp"
#include "crypto/vault.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kUsage =
    "usage: cmkguard crypt vault create DIR --name NAME [--purge-protection] [--retention-days N] "
    "[--no-soft-delete]\n"
    "       cmkguard crypt vault show DIR";

void print_properties(const crypto::Vault& v) {
  const auto& p = v.properties();
  std::cout << "vault " << p.name << " (" << v.uri() << ")\n"
            << "  soft delete: " << (p.soft_delete ? "on" : "off") << ", retention "
            << p.retention_days
            << " days, purge protection: " << (p.purge_protection ? "on" : "off")
            << "\n  service key: " << v.service_key_id() << "\n";
}
}  // namespace

int run_crypt_vault(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("name", po::value<std::string>(),
                                                    "vault name (3-24 of a-z, 0-9, -)")(
      "purge-protection", po::bool_switch(), "refuse purging deleted keys")(
      "retention-days", po::value<int>()->default_value(90), "soft-delete retention, 7..90")(
      "no-soft-delete", po::bool_switch(), "delete purges at once (legacy vaults)")(
      "args", po::value<std::vector<std::string>>(), "");
  auto [vm, exit_code] = parse_command_line(args, options, "args", kUsage);
  if (!vm) return exit_code;
  const auto pos = positionals(*vm);
  if (pos.size() != 2 || (pos[0] != "create" && pos[0] != "show")) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  if (pos[0] == "show") {
    auto v = crypto::Vault::open(pos[1]);
    if (!v) return report_error("crypt vault show", v.error());
    print_properties(*v);
    return 0;
  }
  if (!vm->count("name")) {
    std::cerr << "cmkguard crypt vault create: --name is required\n" << kUsage << "\n";
    return 2;
  }
  crypto::VaultProperties p;
  p.name = (*vm)["name"].as<std::string>();
  p.soft_delete = !(*vm)["no-soft-delete"].as<bool>();
  p.retention_days = (*vm)["retention-days"].as<int>();
  p.purge_protection = (*vm)["purge-protection"].as<bool>();
  auto v = crypto::Vault::create(pos[1], p);
  if (!v) return report_error("crypt vault create", v.error());
  std::cout << "created ";
  print_properties(*v);
  return 0;
}

}  // namespace cmk::cli
