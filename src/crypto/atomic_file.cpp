#include "crypto/atomic_file.hpp"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "crypto/bytes.hpp"
#include "crypto/random.hpp"
#include "util/file_text.hpp"

namespace cmk::crypto {

namespace {

bool g_unnamed_temps = true;

Error io_error(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::Io, what + " " + path + ": " + std::strerror(errno));
}

std::string dir_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// ".NAME.cmkguard-" beside the destination; callers add an unpredictable suffix.
std::string temp_prefix(const std::string& path) {
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return dir + "." + base + ".cmkguard-";
}

const char* type_name(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

}  // namespace

void AtomicFile::set_unnamed_temps(bool enabled) { g_unnamed_temps = enabled; }

Result<AtomicFile> AtomicFile::create(const std::string& path, bool shared,
                                      Destination destination) {
  const mode_t mode = shared ? 0644 : 0600;
  const bool any = destination == Destination::Any;
  if (path == "-" && any)
    return AtomicFile(Kind::Stream, "standard output", "", STDOUT_FILENO, false);
  std::string target = path;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (!any && !S_ISREG(st.st_mode)) {
      return make_error(ErrorCode::Io,
                        "refusing to write " + path + ": it is " +
                            (S_ISLNK(st.st_mode) ? "a symbolic link" : "not a regular file"));
    }
    if (S_ISLNK(st.st_mode)) {
      if (::stat(path.c_str(), &st) != 0) {
        return io_error("the output is a symbolic link that leads nowhere:", path);
      }
      if (S_ISREG(st.st_mode)) {
        // The file the link names is replaced; the link stays.
        char real[PATH_MAX];
        if (!::realpath(path.c_str(), real)) return io_error("cannot resolve", path);
        target = real;
      }
    }
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
      // A stream is written, never replaced: `-o /dev/null` must not turn the device into a file.
      const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
      if (fd < 0) return io_error("cannot open", path);
      return AtomicFile(Kind::Stream, path, "", fd, true);
    }
    if (!S_ISREG(st.st_mode)) {
      errno = 0;
      return make_error(ErrorCode::Io, "cannot write " + path + ": it is " + type_name(st.st_mode) +
                                           ", not a file or a stream");
    }
  } else if (errno != ENOENT) {
    return io_error("cannot write", path);
  }
  // The unnamed file is given its name through /proc/self/fd at commit: without /proc (some
  // containers) a named temp is used from the start.
  if (g_unnamed_temps && ::access("/proc/self/fd", X_OK) == 0) {
    const int fd = ::open(dir_of(target).c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
    if (fd >= 0) {
      ::fchmod(fd, mode);  // exactly, whatever the umask
      return AtomicFile(Kind::Unnamed, target, "", fd, true);
    }
    // EOPNOTSUPP, EISDIR (kernel without O_TMPFILE) and the like: a named temp instead.
  }
  std::string temp = temp_prefix(target) + "XXXXXX";
  // mkstemp creates the file with mode 0600 and O_EXCL: a planted symbolic link is not followed.
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return io_error("cannot create a temporary file for", path);
  AtomicFile file(Kind::Named, target, temp, fd, true);
  file.registration_ = TempRegistration(temp);
  ::fchmod(fd, mode);
  return file;
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : kind_(other.kind_),
      path_(std::move(other.path_)),
      temp_(std::move(other.temp_)),
      fd_(other.fd_),
      owned_(other.owned_),
      sink_(other.fd_, path_),
      registration_(std::move(other.registration_)) {
  other.fd_ = -1;
  other.temp_.clear();
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0 && owned_) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

Status AtomicFile::link_unnamed() {
  // linkat() will not replace a name, so the complete file gets a fresh unpredictable one and is
  // renamed over the destination like a named temp.
  const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
  for (int attempt = 0; attempt < 16; ++attempt) {
    auto suffix = random_bytes(8);
    if (!suffix) return suffix.error();
    std::string name = temp_prefix(path_) + to_hex(*suffix);
    registration_ = TempRegistration(name);
    if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
      temp_ = std::move(name);
      return ok_status();
    }
    if (errno != EEXIST) return io_error("cannot create", path_);
  }
  return make_error(ErrorCode::Io, "cannot create " + path_ + ": no free temporary name");
}

Status AtomicFile::commit() {
  if (fd_ < 0) return make_error(ErrorCode::Io, "file already committed: " + path_);
  if (kind_ == Kind::Stream) {
    const int fd = fd_;
    fd_ = -1;
    if (owned_ && ::close(fd) != 0) return io_error("cannot close", path_);
    return ok_status();
  }
  if (::fsync(fd_) != 0) return io_error("cannot sync", path_);
  if (kind_ == Kind::Unnamed) CMK_TRY(link_unnamed());
  if (::close(fd_) != 0) {
    fd_ = -1;
    return io_error("cannot close", temp_);
  }
  fd_ = -1;
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) return io_error("cannot rename onto", path_);
  temp_.clear();
  registration_ = TempRegistration();
  return ok_status();
}

Result<std::string> read_text_file(const std::string& path) {
  // A symbolic link planted in the store must not make it read another file.
  FileText read = read_file_text(path, kDefaultMaxFileSize, SymbolicLinks::Refuse);
  if (read.text) return std::move(*read.text);
  const int number = read.error_number;
  return make_error(number == ENOENT ? ErrorCode::KeyNotFound : ErrorCode::Io,
                    "cannot read " + path + ": " +
                        (number == ELOOP ? std::string("it is a symbolic link")
                         : number != 0   ? std::string(std::strerror(number))
                                         : read.error));
}

Status write_file_atomically(const std::string& path, std::string_view contents, bool shared,
                             Destination destination) {
  auto file = AtomicFile::create(path, shared, destination);
  if (!file) return file.error();
  CMK_TRY(file->sink().write(as_bytes(contents)));
  return file->commit();
}

}  // namespace cmk::crypto
