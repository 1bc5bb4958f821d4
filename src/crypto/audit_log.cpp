#include "crypto/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "json/value.hpp"

namespace cmk::crypto {

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
  // O_APPEND makes each line one atomic append, even with concurrent writers; O_NOFOLLOW refuses
  // a symbolic link planted in place of the log.
  const int fd =
      ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
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
