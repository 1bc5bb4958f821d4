#pragma once
// Byte streams the envelope reads and writes: file descriptors for real files, memory for tests.
// Streaming in fixed-size blocks keeps memory constant in the file size.

#include <span>
#include <string>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"

namespace cmk::crypto {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills `out` completely unless the stream ends first; returns the count (0 at the end).
  virtual Result<size_t> read(std::span<uint8_t> out) = 0;
};

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status write(ByteView bytes) = 0;
};

// Reads from a descriptor it does not own.
class FdSource final : public ByteSource {
 public:
  FdSource(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  Result<size_t> read(std::span<uint8_t> out) override;

 private:
  int fd_;
  std::string name_;
};

// Writes to a descriptor it does not own.
class FdSink final : public ByteSink {
 public:
  FdSink(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  Status write(ByteView bytes) override;

 private:
  int fd_;
  std::string name_;
};

// Reads a view it does not own; the viewed bytes must outlive the source.
class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(ByteView bytes) : bytes_(bytes) {}
  Result<size_t> read(std::span<uint8_t> out) override;

 private:
  ByteView bytes_;
  size_t pos_ = 0;
};

class MemorySink final : public ByteSink {
 public:
  Status write(ByteView bytes) override {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
    return ok_status();
  }
  const Bytes& bytes() const { return bytes_; }

 private:
  Bytes bytes_;
};

}  // namespace cmk::crypto
