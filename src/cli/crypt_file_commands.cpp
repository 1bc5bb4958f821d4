#include <iostream>

#include "cli/crypt_cli_support.hpp"
#include "cli/crypt_commands.hpp"
#include "cli/crypt_pkcs11.hpp"
#include "crypto/file_envelope.hpp"
#include "crypto/key_router.hpp"
#include "crypto/rewrap_target.hpp"
#include "crypto/vault.hpp"
#include "util/terminal_text.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kEncryptUsage =
    "usage: cmkguard crypt encrypt --keystore DIR (--key NAME | --service-only | --pkcs11-key "
    "LABEL "
    "--pkcs11-token TOKEN) [--context K=V]... IN OUT";
constexpr const char* kDecryptUsage =
    "usage: cmkguard crypt decrypt --keystore DIR [--pkcs11-token TOKEN] IN OUT";
constexpr const char* kRewrapUsage =
    "usage: cmkguard crypt rewrap --keystore DIR [--key NAME | --service-only] FILE...\n"
    "Moves the customer layer to the current version of --key (default: the key the file names),\n"
    "or removes it with --service-only. The encrypted body is not touched.";
constexpr const char* kInspectUsage = "usage: cmkguard crypt inspect FILE";
}  // namespace

int run_crypt_encrypt(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("keystore", po::value<std::string>(),
                                                    "key store directory")(
      "key", po::value<std::string>(), "customer-managed key name (adds the customer layer)")(
      "service-only", po::bool_switch(), "only the service layer (no customer-managed key)")(
      "pkcs11-key", po::value<std::string>(), "customer layer with this PKCS#11 token key")(
      "context", po::value<std::vector<std::string>>()->composing(),
      "authenticated context K=V (repeatable)")(
      "chunk-size", po::value<size_t>()->default_value(crypto::kDefaultChunkSize),
      "plaintext bytes per chunk: a power of two, 16 B to 16 MiB")(
      "args", po::value<std::vector<std::string>>(), "");
  add_pkcs11_options(options);
  auto [vm, exit_code] = parse_command_line(args, options, "args", kEncryptUsage);
  if (!vm) return exit_code;
  const auto pos = positionals(*vm);
  const bool service_only = (*vm)["service-only"].as<bool>();
  const int layer_choices =
      static_cast<int>(vm->count("key") + vm->count("pkcs11-key")) + service_only;
  if (pos.size() != 2 || !vm->count("keystore") || layer_choices != 1 ||
      (vm->count("pkcs11-key") && !vm->count("pkcs11-token"))) {
    std::cerr << "cmkguard crypt encrypt: need --keystore, exactly one of --key, --service-only or "
                 "--pkcs11-key (with --pkcs11-token), IN and OUT\n"
              << kEncryptUsage << "\n";
    return 2;
  }
  crypto::EncryptOptions eo;
  eo.chunk_size = (*vm)["chunk-size"].as<size_t>();
  if (vm->count("context")) {
    for (const auto& kv : (*vm)["context"].as<std::vector<std::string>>()) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos) {
        std::cerr << "cmkguard crypt encrypt: --context takes KEY=VALUE\n";
        return 2;
      }
      eo.context.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
  }
  auto vault = crypto::Vault::open((*vm)["keystore"].as<std::string>());
  if (!vault) return report_error("crypt encrypt", vault.error());
  crypto::EnvelopeKeys keys;
  auto service = vault->service_key();
  if (!service) return report_error("crypt encrypt", service.error());
  keys.service = *service;
  auto token = open_pkcs11_token(*vm);
  if (!token) return report_error("crypt encrypt", token.error());
  if (vm->count("key")) {
    auto customer = vault->customer_key((*vm)["key"].as<std::string>());
    if (!customer) return report_error("crypt encrypt", customer.error());
    keys.customer = *customer;
  } else if (vm->count("pkcs11-key")) {
    auto customer = (*token)->find_rsa_key((*vm)["pkcs11-key"].as<std::string>());
    if (!customer) return report_error("crypt encrypt", customer.error());
    keys.customer = *customer;
  }
  auto st = crypto::encrypt_file(pos[0], pos[1], keys, eo);
  if (!st) return report_error("crypt encrypt", st.error());
  // With OUT '-' the data is on stdout: the status line goes to stderr so as not to mix in.
  (pos[1] == "-" ? std::cerr : std::cout)
      << "encrypted " << pos[0] << " -> " << pos[1] << " ("
      << (keys.customer ? "customer key " + keys.customer->key_id() : "service layer only")
      << ")\n";
  return 0;
}

int run_crypt_decrypt(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("keystore", po::value<std::string>(),
                                                    "key store directory")(
      "args", po::value<std::vector<std::string>>(), "");
  add_pkcs11_options(options);
  auto [vm, exit_code] = parse_command_line(args, options, "args", kDecryptUsage);
  if (!vm) return exit_code;
  const auto pos = positionals(*vm);
  if (pos.size() != 2 || !vm->count("keystore")) {
    std::cerr << kDecryptUsage << "\n";
    return 2;
  }
  auto vault = crypto::Vault::open((*vm)["keystore"].as<std::string>());
  if (!vault) return report_error("crypt decrypt", vault.error());
  auto token = open_pkcs11_token(*vm);
  if (!token) return report_error("crypt decrypt", token.error());
  crypto::KeyRouter keys(*vault, token->get());
  auto st = crypto::decrypt_file(pos[0], pos[1], keys);
  if (!st) return report_error("crypt decrypt", st.error());
  (pos[1] == "-" ? std::cerr : std::cout) << "decrypted " << pos[0] << " -> " << pos[1] << "\n";
  return 0;
}

int run_crypt_rewrap(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("keystore", po::value<std::string>(),
                                                    "key store directory")(
      "key", po::value<std::string>(), "move the customer layer to this key's current version")(
      "service-only", po::bool_switch(), "remove the customer layer (CMK disabled)")(
      "args", po::value<std::vector<std::string>>(), "");
  add_pkcs11_options(options);
  auto [vm, exit_code] = parse_command_line(args, options, "args", kRewrapUsage);
  if (!vm) return exit_code;
  const auto pos = positionals(*vm);
  crypto::RewrapTarget target;
  target.service_only = (*vm)["service-only"].as<bool>();
  if (vm->count("key")) target.key_name = (*vm)["key"].as<std::string>();
  if (pos.empty() || !vm->count("keystore") || (target.service_only && target.key_name)) {
    std::cerr << kRewrapUsage << "\n";
    return 2;
  }
  auto vault = crypto::Vault::open((*vm)["keystore"].as<std::string>());
  if (!vault) return report_error("crypt rewrap", vault.error());
  auto token = open_pkcs11_token(*vm);
  if (!token) return report_error("crypt rewrap", token.error());
  crypto::KeyRouter keys(*vault, token->get());
  int worst = 0;
  for (const auto& file : pos) {
    auto header = crypto::read_file_header(file);
    crypto::Status st = crypto::ok_status();
    if (!header) {
      st = header.error();
    } else if (auto request = crypto::plan_rewrap(*header, *vault, target); !request) {
      st = request.error();
    } else {
      st = crypto::rewrap_file(file, keys, *request);
    }
    if (!st) {
      worst = std::max(
          worst, report_error("crypt rewrap", {st.error().code, file + ": " + st.error().message}));
      continue;
    }
    auto after = crypto::read_file_header(file);
    std::cout << "rewrapped " << file << ": " << (after ? crypto::describe_layers(*after) : "")
              << "\n";
  }
  return worst;
}

int run_crypt_inspect(const Args& args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kInspectUsage << "\n";
    return 0;
  }
  if (args.size() == 1 && args[0] == kRoffHelpArgument) {
    std::cout << roff_usage(kInspectUsage);
    return 0;
  }
  if (args.size() != 1) {
    std::cerr << kInspectUsage << "\n";
    return 2;
  }
  auto h = crypto::read_file_header(args[0]);
  if (!h) return report_error("crypt inspect", h.error());
  // The key ids and context come from the file, unauthenticated: escaped before they reach the
  // terminal.
  std::cout << terminal_safe(args[0]) << ": cmkguard encrypted file, format version "
            << int{h->version} << ", suite " << int{h->suite}
            << " (AES-256-GCM, HKDF-SHA-512), chunk size " << h->chunk_size() << "\n";
  for (const auto& k : h->keys) {
    std::cout << "  " << crypto::layer_name(k.layer) << " layer: " << terminal_safe(k.key_id)
              << " (" << crypto::wrap_algorithm_name(k.algorithm) << ", " << k.wrapped.size()
              << " bytes)\n";
  }
  for (const auto& [key, value] : h->context)
    std::cout << "  context " << terminal_safe(key) << "=" << terminal_safe(value) << "\n";
  std::cout << "  (not authenticated until decrypted)\n";
  return 0;
}

}  // namespace cmk::cli
