#include "crypto/file_envelope.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "crypto/atomic_file.hpp"

namespace cmk::crypto {

namespace {
// An open input descriptor closed on scope exit.
class InputFile {
 public:
  static Result<InputFile> open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return make_error(ErrorCode::Io, "cannot open " + path + ": " + std::strerror(errno));
    }
    return InputFile(fd, path);
  }
  // source_ is built before path_ is moved from (declaration order).
  InputFile(InputFile&& o) noexcept
      : fd_(o.fd_), source_(o.fd_, o.path_), path_(std::move(o.path_)) {
    o.fd_ = -1;
  }
  ~InputFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  ByteSource& source() { return source_; }

 private:
  InputFile(int fd, const std::string& path) : fd_(fd), source_(fd, path), path_(path) {}
  int fd_;
  FdSource source_;
  std::string path_;
};

Status copy_rest(ByteSource& in, ByteSink& out) {
  Bytes buf(1 << 20);
  for (;;) {
    auto n = in.read(buf);
    if (!n) return n.error();
    CMK_TRY(out.write(ByteView(buf).first(*n)));
    if (*n < buf.size()) return ok_status();
  }
}
}  // namespace

Status encrypt_file(const std::string& in_path, const std::string& out_path,
                    const EnvelopeKeys& keys, const EncryptOptions& options) {
  auto in = InputFile::open(in_path);
  if (!in) return in.error();
  auto out = AtomicFile::create(out_path);
  if (!out) return out.error();
  CMK_TRY(encrypt_stream(keys, options, in->source(), out->sink()));
  return out->commit();
}

Status decrypt_file(const std::string& in_path, const std::string& out_path, KeyResolver& keys) {
  auto in = InputFile::open(in_path);
  if (!in) return in.error();
  auto out = AtomicFile::create(out_path);
  if (!out) return out.error();
  CMK_TRY(decrypt_stream(keys, in->source(), out->sink()));
  return out->commit();
}

Result<FileHeader> read_file_header(const std::string& path) {
  auto in = InputFile::open(path);
  if (!in) return in.error();
  return read_header(in->source());
}

Status rewrap_file(const std::string& path, KeyResolver& keys, const RewrapRequest& request) {
  auto in = InputFile::open(path);
  if (!in) return in.error();
  auto header = read_header(in->source());
  if (!header) return header.error();
  auto rewrapped = rewrap_header(*header, keys, request);
  if (!rewrapped) return rewrapped.error();
  auto out = AtomicFile::create(path);
  if (!out) return out.error();
  CMK_TRY(out->sink().write(encode_header(*rewrapped)));
  CMK_TRY(copy_rest(in->source(), out->sink()));
  return out->commit();
}

}  // namespace cmk::crypto
