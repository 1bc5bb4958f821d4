#pragma once
// Turns OpenSSL's thread-local error queue into an Error (and clears it).

#include <string_view>

#include "crypto/result.hpp"

namespace cmk::crypto {

Error openssl_error(ErrorCode code, std::string_view what);

}  // namespace cmk::crypto
