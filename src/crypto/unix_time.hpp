#pragma once
// Key Vault attributes and the audit log use unix seconds; people read and type RFC 3339 UTC.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cmk::crypto {

// RFC 3339 UTC, e.g. 2026-01-31T12:00:00Z.
std::string format_time(int64_t unix_seconds);
// Unix seconds from digits or from YYYY-MM-DDTHH:MM:SSZ; empty optional otherwise.
std::optional<int64_t> parse_time(std::string_view text);

}  // namespace cmk::crypto
