#include "crypto/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "json/value.hpp"

namespace cmk::crypto {

std::string format_time(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<int64_t> parse_time(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (text.size() > 12) return std::nullopt;
    return std::stoll(std::string(text));
  }
  std::tm tm{};
  const std::string s(text);
  const char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end != '\0') return std::nullopt;
  return static_cast<int64_t>(timegm(&tm));
}

Status AuditLog::append(int64_t time, std::string_view operation, std::string_view key_id,
                        const Status& outcome) const {
  using json::Value;
  json::Object entry;
  entry.push_back({"time", json::kNoOffset, Value::string(format_time(time))});
  entry.push_back({"operation", json::kNoOffset, Value::string(std::string(operation))});
  entry.push_back({"keyId", json::kNoOffset, Value::string(std::string(key_id))});
  entry.push_back({"result", json::kNoOffset, Value::string(outcome.ok() ? "success" : "failure")});
  if (!outcome.ok()) {
    entry.push_back(
        {"error", json::kNoOffset, Value::string(error_code_name(outcome.error().code))});
    entry.push_back({"message", json::kNoOffset, Value::string(outcome.error().message)});
  }
  const std::string line = json::to_json(Value::object(std::move(entry))) + "\n";
  // O_APPEND makes each line one atomic append, even with concurrent writers.
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return make_error(ErrorCode::Io,
                      "cannot open audit log " + path_ + ": " + std::strerror(errno));
  }
  const ssize_t n = ::write(fd, line.data(), line.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size())) {
    return make_error(ErrorCode::Io, "cannot append to audit log " + path_);
  }
  return ok_status();
}

}  // namespace cmk::crypto
