#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/crypt_cli_support.hpp"
#include "cli/crypt_commands.hpp"
#include "crypto/unix_time.hpp"
#include "crypto/vault.hpp"
#include "util/spelling.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kUsage =
    "usage: cmkguard crypt key create DIR NAME [--kty RSA] [--size 2048|3072|4096]\n"
    "       cmkguard crypt key rotate|disable|enable|delete|recover|purge DIR NAME [--version V]\n"
    "       cmkguard crypt key update DIR NAME [--version V] [--not-before TIME] [--expires TIME] "
    "[--ops wrapKey,unwrapKey,...]\n"
    "       cmkguard crypt key list DIR [--deleted]\n"
    "TIME is unix seconds or UTC like 2027-01-31T00:00:00Z; 'none' clears it.";

std::optional<std::optional<int64_t>> time_flag(const po::variables_map& vm, const char* name,
                                                bool& bad) {
  if (!vm.count(name)) return std::nullopt;
  const std::string text = vm[name].as<std::string>();
  if (text == "none") return std::optional<int64_t>{};
  auto t = crypto::parse_time(text);
  if (!t) bad = true;
  return t;
}

std::vector<std::string> split_ops(const std::string& text) {
  std::vector<std::string> ops;
  std::stringstream ss(text);
  for (std::string op; std::getline(ss, op, ',');) {
    if (!op.empty()) ops.push_back(op);
  }
  return ops;
}

std::string describe(const crypto::KeyVersionInfo& k) {
  std::string out = k.kid + "  RSA-" + std::to_string(k.bits) + "  " +
                    (k.attributes.enabled ? "enabled" : "disabled");
  if (k.attributes.not_before) out += "  nbf " + crypto::format_time(*k.attributes.not_before);
  if (k.attributes.expires) out += "  exp " + crypto::format_time(*k.attributes.expires);
  return out;
}

int list(const crypto::Vault& vault, bool deleted) {
  auto keys = vault.list_keys(deleted);
  if (!keys) return report_error("crypt key list", keys.error());
  if (keys->empty()) std::cout << (deleted ? "no deleted keys\n" : "no keys\n");
  for (const auto& k : *keys) {
    std::cout << k.name << "  " << describe(k.current()) << "  " << k.versions.size()
              << " version(s)";
    if (k.deleted) {
      std::cout << "  deleted " << crypto::format_time(k.deleted->deleted_on) << ", purge "
                << crypto::format_time(k.deleted->scheduled_purge);
    }
    std::cout << "\n";
  }
  return 0;
}
}  // namespace

int run_crypt_key(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "kty", po::value<std::string>()->default_value("RSA"), "key type (RSA only)")(
      "size", po::value<int>()->default_value(2048), "RSA key size: 2048, 3072 or 4096")(
      "version", po::value<std::string>(), "key version (default: the current one)")(
      "not-before", po::value<std::string>(), "nbf attribute")("expires", po::value<std::string>(),
                                                               "exp attribute")(
      "ops", po::value<std::string>(), "comma-separated key_ops")("deleted", po::bool_switch(),
                                                                  "list soft-deleted keys")(
      "args", po::value<std::vector<std::string>>(), "");
  auto [vm, exit_code] = parse_command_line(args, options, "args", kUsage);
  if (!vm) return exit_code;
  const auto pos = positionals(*vm);
  if (pos.size() < 2) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  const std::string& action = pos[0];
  const std::string command = "crypt key " + action;
  auto vault = crypto::Vault::open(pos[1]);
  if (!vault) return report_error(command, vault.error());
  if (action == "list") {
    if (pos.size() != 2) {
      std::cerr << kUsage << "\n";
      return 2;
    }
    return list(*vault, (*vm)["deleted"].as<bool>());
  }
  if (pos.size() != 3) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  const std::string& name = pos[2];
  const std::string version = vm->count("version") ? (*vm)["version"].as<std::string>() : "";

  if (action == "create") {
    if ((*vm)["kty"].as<std::string>() != "RSA") {
      std::cerr
          << "cmkguard crypt key create: only --kty RSA is supported (Azure CMK requires RSA)\n";
      return 2;
    }
    auto k = vault->create_key(name, (*vm)["size"].as<int>());
    if (!k) return report_error(command, k.error());
    std::cout << "created " << describe(*k) << "\n";
    return 0;
  }
  if (action == "rotate") {
    auto k = vault->rotate_key(name);
    if (!k) return report_error(command, k.error());
    std::cout << "rotated: current version " << describe(*k) << "\n";
    return 0;
  }
  if (action == "disable" || action == "enable" || action == "update") {
    crypto::KeyUpdate update;
    if (action != "update") update.enabled = action == "enable";
    bool bad_time = false;
    update.not_before = time_flag(*vm, "not-before", bad_time);
    update.expires = time_flag(*vm, "expires", bad_time);
    if (bad_time) {
      std::cerr << "cmkguard " << command
                << ": TIME must be unix seconds, YYYY-MM-DDTHH:MM:SSZ or none\n";
      return 2;
    }
    if (vm->count("ops")) update.key_ops = split_ops((*vm)["ops"].as<std::string>());
    auto k = vault->update_key(name, version, update);
    if (!k) return report_error(command, k.error());
    std::cout << "updated " << describe(*k) << "\n";
    return 0;
  }
  crypto::Status st = crypto::ok_status();
  if (action == "delete") {
    st = vault->delete_key(name);
  } else if (action == "recover") {
    st = vault->recover_key(name);
  } else if (action == "purge") {
    st = vault->purge_key(name);
  } else {
    std::cerr << "cmkguard crypt key: unknown action '" << action << "'"
              << did_you_mean(action, std::vector<std::string>{"create", "rotate", "disable",
                                                               "enable", "update", "delete",
                                                               "recover", "purge", "list"})
              << "\n"
              << kUsage << "\n";
    return 2;
  }
  if (!st) return report_error(command, st.error());
  if (action == "delete") {
    std::cout << (vault->properties().soft_delete ? "soft-deleted " : "deleted and purged ") << name
              << "\n";
  } else {
    std::cout << (action == "recover" ? "recovered " : "purged ") << name << "\n";
  }
  return 0;
}

}  // namespace cmk::cli
