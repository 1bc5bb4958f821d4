#include "crypto/openssl_error.hpp"

#include <openssl/err.h>

namespace cmk::crypto {

Error openssl_error(ErrorCode code, std::string_view what) {
  std::string message(what);
  const unsigned long e = ERR_get_error();
  if (e != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    message += std::string(" (") + buf + ")";
  }
  ERR_clear_error();
  return make_error(code, std::move(message));
}

}  // namespace cmk::crypto
