#pragma once
// Named temporary files removed when SIGINT, SIGTERM or SIGHUP ends the process. Outputs are
// normally unnamed until complete (O_TMPFILE, atomic_file.hpp); where the file system cannot do
// that, the temp has a name, and an interrupted run must not leave it (or its plaintext) behind.

#include <string>

namespace cmk::crypto {

// Installs the handlers (once; later calls do nothing). A handler removes every registered
// file, then lets the signal end the process as it would have.
void remove_temps_on_signals();

// A registered path, unregistered on destruction. Registration fails silently when all slots
// are taken (a handful of outputs are open at once at most).
class TempRegistration {
 public:
  TempRegistration() = default;
  explicit TempRegistration(const std::string& path);
  ~TempRegistration();
  TempRegistration(TempRegistration&& other) noexcept : slot_(other.slot_) { other.slot_ = -1; }
  TempRegistration& operator=(TempRegistration&& other) noexcept;
  TempRegistration(const TempRegistration&) = delete;
  TempRegistration& operator=(const TempRegistration&) = delete;

 private:
  int slot_ = -1;
};

}  // namespace cmk::crypto
