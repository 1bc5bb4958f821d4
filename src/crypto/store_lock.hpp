#pragma once
// An exclusive lock on a key store directory (flock on the directory itself), held for the whole
// of one mutation: two `key rotate` runs at once would otherwise both read index.json, each add
// its version and write it back, and one version would be lost with both reporting success.
// Readers take no lock: every store file is replaced by rename, and a key version's file is
// written before the index names it, so a reader always sees a consistent state.

#include <string>

#include "crypto/result.hpp"

namespace cmk::crypto {

class StoreLock {
 public:
  // Blocks until the lock is held. Io when the directory cannot be opened (a symbolic link
  // included: the store root is not followed).
  static Result<StoreLock> acquire(const std::string& dir);
  ~StoreLock();
  StoreLock(StoreLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  StoreLock& operator=(StoreLock&&) = delete;
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;

 private:
  explicit StoreLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace cmk::crypto
