#include <array>

#include "cli/command_table.hpp"
#include "cli/commands.hpp"
#include "cli/crypt_commands.hpp"
#include "crypto/temp_cleanup.hpp"

namespace cmk::cli {

namespace {

// The crypt commands, in the order --help lists them.
constexpr std::array kCryptCommands{
    Command{"vault", "create|show DIR", "create a local key vault, or show its properties",
            run_crypt_vault},
    Command{"key", "ACTION DIR [NAME]", "manage a vault's keys: create, rotate, delete, list, ...",
            run_crypt_key},
    Command{"encrypt", "IN OUT", "encrypt a file under a vault, service-only or PKCS#11 key",
            run_crypt_encrypt},
    Command{"decrypt", "IN OUT", "decrypt a file (OUT '-' is standard output)", run_crypt_decrypt},
    Command{"rewrap", "FILE...", "move files to a key's current version, or to service-only",
            run_crypt_rewrap},
    Command{"inspect", "FILE", "show an encrypted file's key layers and context",
            run_crypt_inspect},
    Command{"pkcs11-key", "create LABEL", "create an RSA key in a PKCS#11 token",
            run_crypt_pkcs11_key},
};

std::string usage() {
  return "usage: cmkguard crypt <command> ...\n"
         "Envelope encryption with Azure's customer-managed-key semantics and a local key store.\n"
         "\n"
         "commands:\n" +
         command_listing(kCryptCommands) +
         "\n"
         "PKCS#11 options: --pkcs11-module SO (default SoftHSM2), --pkcs11-token LABEL; the PIN is "
         "read\n"
         "from CMKGUARD_PKCS11_PIN.\n"
         "\n"
         "'cmkguard crypt <command> --help' gives a command's full usage and options.\n"
         "exit codes: 0 success, 1 an operation or decryption failed, 2 usage or input error\n";
}

}  // namespace

CommandTable crypt_commands() { return kCryptCommands; }

int run_crypt(const Args& args) {
  // An interrupted encrypt, decrypt or rewrap must not leave a temporary file behind.
  crypto::remove_temps_on_signals();
  return dispatch(kCryptCommands, "cmkguard crypt", usage(), args);
}

}  // namespace cmk::cli
