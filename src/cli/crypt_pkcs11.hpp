#pragma once
// PKCS#11 flags shared by crypt encrypt, decrypt and pkcs11-key: --pkcs11-module, --pkcs11-token;
// the PIN comes from the CMKGUARD_PKCS11_PIN environment variable, never from the command line.

#include <boost/program_options.hpp>
#include <memory>
#include <optional>

#include "crypto/pkcs11_token.hpp"

namespace cmk::cli {

void add_pkcs11_options(boost::program_options::options_description& options);

// Null when no --pkcs11-token was given; otherwise the open token, or an error.
crypto::Result<std::shared_ptr<crypto::Pkcs11Token>> open_pkcs11_token(
    const boost::program_options::variables_map& vm);

}  // namespace cmk::cli
