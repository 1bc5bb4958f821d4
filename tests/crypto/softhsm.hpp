#pragma once
// A private SoftHSM2 set-up for tests: its own softhsm2.conf and token directory, selected through
// SOFTHSM2_CONF for this process (and the commands it starts) while the object lives.

#include <optional>
#include <string>

#include "crypto/file_helpers.hpp"

namespace cmk::crypto::testing {

// The SoftHSM2 module, or empty when softhsm2 (module and softhsm2-util) is not installed.
// CMKGUARD_SOFTHSM_MODULE overrides the search.
std::optional<std::string> softhsm_module();

class SoftHsm {
 public:
  SoftHsm();
  ~SoftHsm();
  SoftHsm(const SoftHsm&) = delete;
  SoftHsm& operator=(const SoftHsm&) = delete;
  // softhsm2-util --init-token --free; false on failure.
  bool init_token(const std::string& label, const std::string& pin);

 private:
  TempDir dir_;
  std::optional<std::string> old_conf_;
};

}  // namespace cmk::crypto::testing
