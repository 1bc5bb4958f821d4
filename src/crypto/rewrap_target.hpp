#pragma once
// Turns "rewrap this file onto key NAME / onto current versions / without a customer layer" into
// an envelope RewrapRequest against a vault.

#include <optional>
#include <string>

#include "crypto/envelope.hpp"
#include "crypto/vault.hpp"

namespace cmk::crypto {

struct RewrapTarget {
  std::optional<std::string> key_name;  // customer layer onto this key's current version
  bool service_only = false;            // drop the customer layer (CMK disabled)
};

// Without a key name the customer layer moves to the current version of the key it names now
// (rotation). InvalidArgument when that key lives in another vault or the request contradicts.
Result<RewrapRequest> plan_rewrap(const FileHeader& header, const Vault& vault,
                                  const RewrapTarget& target);

}  // namespace cmk::crypto
