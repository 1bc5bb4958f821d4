#include "crypto/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cmk::crypto {

namespace {
Error io_error(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::Io, what + " " + path + ": " + std::strerror(errno));
}

std::string temp_template(const std::string& path) {
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return dir + "." + base + ".cmkguard-XXXXXX";
}
}  // namespace

Result<AtomicFile> AtomicFile::create(const std::string& path, bool shared) {
  std::string temp = temp_template(path);
  // mkstemp creates the file with mode 0600 and O_EXCL.
  const int fd = mkstemp(temp.data());
  if (fd < 0) return io_error("cannot create a temporary file for", path);
  fchmod(fd, shared ? 0644 : 0600);
  return AtomicFile(path, std::move(temp), fd);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      temp_(std::move(other.temp_)),
      fd_(other.fd_),
      sink_(other.fd_, path_) {
  other.fd_ = -1;
  other.temp_.clear();
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

Status AtomicFile::commit() {
  if (fd_ < 0) return make_error(ErrorCode::Io, "file already committed: " + path_);
  if (::fsync(fd_) != 0) return io_error("cannot sync", temp_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    return io_error("cannot close", temp_);
  }
  fd_ = -1;
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) return io_error("cannot rename onto", path_);
  temp_.clear();
  return ok_status();
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(errno == ENOENT ? ErrorCode::KeyNotFound : ErrorCode::Io,
                      "cannot read " + path + ": " + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status write_file_atomically(const std::string& path, std::string_view contents, bool shared) {
  auto file = AtomicFile::create(path, shared);
  if (!file) return file.error();
  CMK_TRY(file->sink().write(as_bytes(contents)));
  return file->commit();
}

}  // namespace cmk::crypto
