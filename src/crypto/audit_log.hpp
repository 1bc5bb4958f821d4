#pragma once
// The vault's append-only audit log: one JSON object per line for every key operation, successful
// or not ({"time", "operation", "keyId", "result", "error"}).

#include <cstdint>
#include <optional>
#include <string>

#include "crypto/result.hpp"

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

// RFC 3339 UTC, e.g. 2026-01-31T12:00:00Z.
std::string format_time(int64_t unix_seconds);
// Unix seconds from digits or from YYYY-MM-DDTHH:MM:SSZ; empty optional otherwise.
std::optional<int64_t> parse_time(std::string_view text);

}  // namespace cmk::crypto
