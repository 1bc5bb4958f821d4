#pragma once
// Errors as values for the crypto module: every fallible call returns Result<T> carrying either
// the value or an Error with a code callers can branch on and a message a person can act on.

#include <string>
#include <utility>
#include <variant>

namespace cmk::crypto {

enum class ErrorCode {
  InvalidArgument,      // caller passed something malformed (bad length, unknown name)
  Io,                   // the file system refused (open, read, write, rename)
  Format,               // input is not a cmkguard file or is truncated
  Authentication,       // a tag, commitment or MAC did not verify: tampered or wrong key
  KeyNotFound,          // no such key, version or vault
  KeyDisabled,          // the key version exists but is disabled
  KeyNotYetValid,       // now < nbf
  KeyExpired,           // now >= exp
  KeyDeleted,           // the key is soft-deleted
  OperationNotAllowed,  // key_ops does not allow it, or vault policy forbids it
  AlreadyExists,        // creating something that is there
  Unsupported,          // an algorithm or size this build does not offer
  Crypto,               // OpenSSL or the PKCS#11 module failed unexpectedly
};

const char* error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::Crypto;
  std::string message;
};

// Either a T or an Error. Accessing the wrong alternative is a programming error (std::get throws).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Error error) : data_(std::move(error)) {}

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

inline Error make_error(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace cmk::crypto

// Propagates the error of a Result/Status expression from a function returning a Result.
#define CMK_TRY(expr)                                          \
  do {                                                         \
    auto&& cmk_try_result_ = (expr);                           \
    if (!cmk_try_result_.ok()) return cmk_try_result_.error(); \
  } while (0)
