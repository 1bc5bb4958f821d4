#include "cli/crypt_pkcs11.hpp"

#include <cstdlib>
#include <iostream>

#include "cli/crypt_cli_support.hpp"
#include "cli/crypt_commands.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kDefaultModule = "/usr/lib/softhsm/libsofthsm2.so";
constexpr const char* kUsage =
    "usage: cmkguard crypt pkcs11-key create LABEL --pkcs11-token TOKEN [--pkcs11-module SO] "
    "[--size 2048|3072|4096]\n"
    "Creates an RSA key pair on a PKCS#11 token (PIN from CMKGUARD_PKCS11_PIN). Token keys wrap\n"
    "with RSA-OAEP (SHA-1), the only OAEP SoftHSM2 implements.";
}  // namespace

void add_pkcs11_options(po::options_description& options) {
  options.add_options()("pkcs11-module", po::value<std::string>()->default_value(kDefaultModule),
                        "PKCS#11 module (.so)")(
      "pkcs11-token", po::value<std::string>(),
      "PKCS#11 token label (PIN from CMKGUARD_PKCS11_PIN)");
}

crypto::Result<std::shared_ptr<crypto::Pkcs11Token>> open_pkcs11_token(
    const po::variables_map& vm) {
  if (!vm.count("pkcs11-token")) return std::shared_ptr<crypto::Pkcs11Token>();
  const char* pin = std::getenv("CMKGUARD_PKCS11_PIN");
  if (!pin) {
    return crypto::make_error(crypto::ErrorCode::InvalidArgument,
                              "set CMKGUARD_PKCS11_PIN to the token's user PIN");
  }
  return crypto::Pkcs11Token::open(vm["pkcs11-module"].as<std::string>(),
                                   vm["pkcs11-token"].as<std::string>(),
                                   crypto::SecretBytes(crypto::as_bytes(pin)));
}

int run_crypt_pkcs11_key(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("size", po::value<int>()->default_value(2048),
                                                    "RSA key size: 2048, 3072 or 4096")(
      "args", po::value<std::vector<std::string>>(), "");
  add_pkcs11_options(options);
  auto [vm, exit_code] = parse_command_line(args, options, "args", kUsage);
  if (!vm) return exit_code;
  const auto pos = positionals(*vm);
  if (pos.size() != 2 || pos[0] != "create" || !vm->count("pkcs11-token")) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  auto token = open_pkcs11_token(*vm);
  if (!token) return report_error("crypt pkcs11-key create", token.error());
  auto key = (*token)->generate_rsa_key(pos[1], (*vm)["size"].as<int>());
  if (!key) return report_error("crypt pkcs11-key create", key.error());
  std::cout << "created " << (*key)->key_id() << " (RSA-" << (*vm)["size"].as<int>()
            << ", wraps with RSA-OAEP)\n";
  return 0;
}

}  // namespace cmk::cli
