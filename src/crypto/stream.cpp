#include "crypto/stream.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace cmk::crypto {

Result<size_t> FdSource::read(std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::read(fd_, out.data() + done, out.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error(ErrorCode::Io, "cannot read " + name_ + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

Status FdSink::write(ByteView bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error(ErrorCode::Io, "cannot write " + name_ + ": " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  return ok_status();
}

Result<size_t> MemorySource::read(std::span<uint8_t> out) {
  const size_t n = std::min(out.size(), bytes_.size() - pos_);
  std::copy_n(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_), n, out.begin());
  pos_ += n;
  return n;
}

}  // namespace cmk::crypto
