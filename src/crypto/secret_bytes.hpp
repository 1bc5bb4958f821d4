#pragma once
// Key material: move-only bytes that are cleansed (OPENSSL_cleanse) when destroyed or replaced.
// The only way to read them is expose_secret(), so every use of key bytes is greppable.

#include <cstdint>
#include <span>
#include <vector>

#include "crypto/bytes.hpp"

namespace cmk::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(size_t size) : bytes_(size) {}
  explicit SecretBytes(ByteView bytes) : bytes_(bytes.begin(), bytes.end()) {}
  ~SecretBytes();
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  // An explicit copy, so duplicating key material is visible at the call site.
  SecretBytes clone() const { return SecretBytes(ByteView(bytes_)); }

  size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }

  // The key bytes. Do not copy them into anything that is not itself cleansed.
  std::span<const uint8_t> expose_secret() const { return bytes_; }
  std::span<uint8_t> expose_secret_mutable() { return bytes_; }

  // Overwrites the bytes (OPENSSL_cleanse) and leaves this empty; the destructor does the same.
  void wipe();

 private:
  std::vector<uint8_t> bytes_;
};

}  // namespace cmk::crypto
