#pragma once
// The `cmkguard crypt` subcommands (one file each group); run_crypt dispatches to them.

#include "cli/commands.hpp"

namespace cmk::cli {

int run_crypt_vault(const Args& args);
int run_crypt_key(const Args& args);
int run_crypt_encrypt(const Args& args);
int run_crypt_decrypt(const Args& args);
int run_crypt_rewrap(const Args& args);
int run_crypt_inspect(const Args& args);
int run_crypt_pkcs11_key(const Args& args);

}  // namespace cmk::cli
