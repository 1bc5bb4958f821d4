#include <iostream>

#include "cli/commands.hpp"
#include "cli/crypt_commands.hpp"
#include "crypto/temp_cleanup.hpp"
#include "util/spelling.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kUsage = R"(usage: cmkguard crypt <command> ...
Envelope encryption with Azure's customer-managed-key semantics and a local key store.

  vault create DIR --name NAME [--purge-protection] [--retention-days N] [--no-soft-delete]
  vault show DIR
  key create DIR NAME [--kty RSA] [--size 2048|3072|4096]
  key rotate|disable|enable|delete|recover|purge DIR NAME
  key update DIR NAME [--version V] [--not-before TIME] [--expires TIME] [--ops OPS]
  key list DIR [--deleted]
  encrypt --keystore DIR (--key NAME | --service-only | --pkcs11-key LABEL) IN OUT
  decrypt --keystore DIR [--pkcs11-token TOKEN] IN OUT
    (OUT '-' is standard output; a device or FIFO is written, a regular file replaced whole)
  rewrap  --keystore DIR [--key NAME | --service-only] FILE...
  inspect FILE
  pkcs11-key create LABEL --pkcs11-token TOKEN [--pkcs11-module SO] [--size N]
PKCS#11 options: --pkcs11-module SO (default SoftHSM2), --pkcs11-token LABEL; the PIN is read
from CMKGUARD_PKCS11_PIN.

exit codes: 0 success, 1 an operation or decryption failed, 2 usage or input error
)";
}  // namespace

int run_crypt(const Args& args) {
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  // An interrupted encrypt, decrypt or rewrap must not leave a temporary file behind.
  crypto::remove_temps_on_signals();
  const std::string& command = args[0];
  const Args rest(args.begin() + 1, args.end());
  if (command == "vault") return run_crypt_vault(rest);
  if (command == "key") return run_crypt_key(rest);
  if (command == "encrypt") return run_crypt_encrypt(rest);
  if (command == "decrypt") return run_crypt_decrypt(rest);
  if (command == "rewrap") return run_crypt_rewrap(rest);
  if (command == "inspect") return run_crypt_inspect(rest);
  if (command == "pkcs11-key") return run_crypt_pkcs11_key(rest);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "cmkguard crypt: unknown command '" << command << "'"
            << did_you_mean(command, std::vector<std::string>{"vault", "key", "encrypt", "decrypt",
                                                              "rewrap", "inspect", "pkcs11-key"})
            << "\n"
            << kUsage;
  return 2;
}

}  // namespace cmk::cli
