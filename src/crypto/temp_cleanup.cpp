#include "crypto/temp_cleanup.hpp"

#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>

namespace cmk::crypto {

namespace {

// Fixed storage: a signal handler may only read memory that is never reallocated.
constexpr int kSlots = 32;
std::array<std::array<char, PATH_MAX>, kSlots> g_paths;
std::array<std::atomic<bool>, kSlots> g_used{};
std::atomic<bool> g_installed{false};

extern "C" void remove_temps_and_reraise(int sig) {
  for (int i = 0; i < kSlots; ++i) {
    if (g_used[i].load(std::memory_order_acquire)) ::unlink(g_paths[i].data());
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

}  // namespace

void remove_temps_on_signals() {
  if (g_installed.exchange(true)) return;
  struct sigaction action {};
  action.sa_handler = remove_temps_and_reraise;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &action, nullptr);
}

TempRegistration::TempRegistration(const std::string& path) {
  // Outputs are created on one thread; the handler only reads. The path is in place before
  // the slot is marked used, so the handler never sees half a path.
  if (path.size() >= PATH_MAX) return;
  for (int i = 0; i < kSlots; ++i) {
    if (g_used[i].load(std::memory_order_relaxed)) continue;
    std::memcpy(g_paths[i].data(), path.c_str(), path.size() + 1);
    g_used[i].store(true, std::memory_order_release);
    slot_ = i;
    return;
  }
}

TempRegistration::~TempRegistration() {
  if (slot_ < 0) return;
  g_used[slot_].store(false, std::memory_order_release);
}

TempRegistration& TempRegistration::operator=(TempRegistration&& other) noexcept {
  if (this != &other) {
    this->~TempRegistration();
    slot_ = other.slot_;
    other.slot_ = -1;
  }
  return *this;
}

}  // namespace cmk::crypto
