#pragma once
// The vault's append-only audit log: one JSON object per line for every key operation, successful
// or not ({"time", "operation", "keyId", "result", "error"}).

#include <cstdint>
#include <string>

#include "crypto/result.hpp"
#include "crypto/unix_time.hpp"

namespace cmk::crypto {

class AuditLog {
 public:
  explicit AuditLog(std::string path) : path_(std::move(path)) {}
  // Io when the log cannot be appended to; callers treat that as a failed operation.
  Status append(int64_t time, std::string_view operation, std::string_view key_id,
                const Status& outcome) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace cmk::crypto
