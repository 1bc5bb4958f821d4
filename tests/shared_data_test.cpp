// The shared-data check: skipped with a warning on a developer machine, a failure under CI.

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <string>

#include "test_support.hpp"

namespace {

// Sets or clears CI for one test and puts the caller's value back afterwards.
class ScopedCi {
 public:
  explicit ScopedCi(const char* value) {
    if (const char* old = std::getenv("CI")) saved_ = old;
    if (value != nullptr) {
      ::setenv("CI", value, 1);
    } else {
      ::unsetenv("CI");
    }
  }
  ~ScopedCi() {
    if (saved_) {
      ::setenv("CI", saved_->c_str(), 1);
    } else {
      ::unsetenv("CI");
    }
  }
  ScopedCi(const ScopedCi&) = delete;
  ScopedCi& operator=(const ScopedCi&) = delete;

 private:
  std::optional<std::string> saved_;
};

constexpr const char* kAbsent = "no-such-folder-for-the-shared-data-test";

}  // namespace

TEST_CASE("shared_path: missing shared data is skipped outside CI", "[shared_data]") {
  const ScopedCi ci(nullptr);
  CHECK_FALSE(cmk::test::shared_path(kAbsent));
}

// Passes only because shared_path fails the test: under CI, missing data must not pass quietly.
TEST_CASE("shared_path: missing shared data fails under CI", "[shared_data][!shouldfail]") {
  const ScopedCi ci("true");
  (void)cmk::test::shared_path(kAbsent);
}
