#pragma once
// Output that appears all at once or not at all: written to a temp file (mode 0600, or 0644 for
// files meant to be shared such as reports) beside the destination, fsynced, then renamed over it.
// Destroying an uncommitted AtomicFile removes the temp file, so a failed decryption leaves no
// partial plaintext behind.

#include <string>

#include "crypto/result.hpp"
#include "crypto/stream.hpp"

namespace cmk::crypto {

class AtomicFile {
 public:
  // Io when the destination's directory is not writable. `shared`: mode 0644 instead of 0600.
  static Result<AtomicFile> create(const std::string& path, bool shared = false);
  ~AtomicFile();
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  ByteSink& sink() { return sink_; }
  // fsync + rename; after success the destructor leaves the file alone.
  Status commit();

 private:
  AtomicFile(std::string path, std::string temp, int fd)
      : path_(std::move(path)), temp_(std::move(temp)), fd_(fd), sink_(fd, path_) {}
  std::string path_;
  std::string temp_;
  int fd_ = -1;
  FdSink sink_;
};

// Whole-file helpers for small files (vault metadata).
Result<std::string> read_text_file(const std::string& path);
Status write_file_atomically(const std::string& path, std::string_view contents,
                             bool shared = false);

}  // namespace cmk::crypto
