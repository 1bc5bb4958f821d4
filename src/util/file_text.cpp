#include "util/file_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cmk {

namespace {

std::string kind_of_mode(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

std::string too_large(std::uintmax_t size, std::uintmax_t max_size, bool at_least) {
  return "file is " + std::string(at_least ? "more than " : "") + std::to_string(size) +
         " bytes, over the limit of " + std::to_string(max_size) + " bytes (--max-file-size)";
}

// The failure errno reports, read before anything else can change errno.
FileText system_error() {
  const int number = errno;
  return {std::nullopt, std::string("cannot read file: ") + std::strerror(number), number};
}

// Closes the descriptor on every return path.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string special_file_kind(const std::filesystem::file_status& status) {
  using std::filesystem::file_type;
  switch (status.type()) {
    case file_type::regular:
      return "";
    case file_type::directory:
      return "a directory";
    case file_type::character:
      return "a character device";
    case file_type::block:
      return "a block device";
    case file_type::fifo:
      return "a FIFO";
    case file_type::socket:
      return "a socket";
    default:
      return "a special file";
  }
}

FileText read_file_text(const std::filesystem::path& path, std::uintmax_t max_size,
                        SymbolicLinks links) {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever. The type is checked
  // on the open descriptor, not the name, so a file swapped after a check is caught too.
  const int flags =
      O_RDONLY | O_NONBLOCK | O_CLOEXEC | (links == SymbolicLinks::Refuse ? O_NOFOLLOW : 0);
  Fd f{::open(path.c_str(), flags)};
  if (f.fd < 0) return system_error();
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return system_error();
  if (!S_ISREG(st.st_mode)) {
    return {std::nullopt, "not a regular file (" + kind_of_mode(st.st_mode) + ")"};
  }
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_size) return {std::nullopt, too_large(size, max_size, false)};
  // Read straight into the string; one byte of room beyond the size stat gave shows the end
  // (or that the file grew) without another pass. The spare bytes after the room are zeroed with
  // it, and stay allocated when the string is cut to what was read.
  size_t room = static_cast<size_t>(size) + 1;
  std::string text(room + kFileTextSpare, '\0');
  size_t used = 0;
  for (;;) {
    if (used == room) {
      room *= 2;
      text.resize(room + kFileTextSpare);
    }
    const ssize_t n = ::read(f.fd, text.data() + used, room - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return system_error();
    if (n == 0) break;
    used += static_cast<size_t>(n);
    // The size checked above may be stale: a file still being written is capped as it is read.
    if (used > max_size) return {std::nullopt, too_large(max_size, max_size, true)};
  }
  text.resize(used);
  return {std::move(text), {}};
}

}  // namespace cmk
