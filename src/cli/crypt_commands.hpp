#pragma once
// The `cmkguard crypt` subcommands (one file each group); run_crypt dispatches to them.

#include "cli/command_table.hpp"
#include "cli/commands.hpp"

namespace cmk::cli {

// The crypt commands, in the order `cmkguard crypt --help` lists them.
CommandTable crypt_commands();

int run_crypt_vault(const Args& args);
int run_crypt_key(const Args& args);
int run_crypt_encrypt(const Args& args);
int run_crypt_decrypt(const Args& args);
int run_crypt_rewrap(const Args& args);
int run_crypt_inspect(const Args& args);
int run_crypt_pkcs11_key(const Args& args);

}  // namespace cmk::cli
