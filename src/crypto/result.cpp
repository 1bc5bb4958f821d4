#include "crypto/result.hpp"

namespace cmk::crypto {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return "invalid-argument";
    case ErrorCode::Io:
      return "io";
    case ErrorCode::Format:
      return "format";
    case ErrorCode::Authentication:
      return "authentication";
    case ErrorCode::KeyNotFound:
      return "key-not-found";
    case ErrorCode::KeyDisabled:
      return "key-disabled";
    case ErrorCode::KeyNotYetValid:
      return "key-not-yet-valid";
    case ErrorCode::KeyExpired:
      return "key-expired";
    case ErrorCode::KeyDeleted:
      return "key-deleted";
    case ErrorCode::OperationNotAllowed:
      return "operation-not-allowed";
    case ErrorCode::AlreadyExists:
      return "already-exists";
    case ErrorCode::Unsupported:
      return "unsupported";
    case ErrorCode::Crypto:
      return "crypto";
  }
  return "crypto";
}

}  // namespace cmk::crypto
