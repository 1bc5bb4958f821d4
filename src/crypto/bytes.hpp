#pragma once
// Byte strings and their text encodings (hex for tests and logs, base64url for JWK).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cmk::crypto {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string to_string(ByteView b) { return {b.begin(), b.end()}; }

std::string to_hex(ByteView bytes);
// Empty optional when the text has odd length or a non-hex character.
std::optional<Bytes> from_hex(std::string_view hex);

// RFC 4648 section 5 without padding, as JWK uses it.
std::string to_base64url(ByteView bytes);
// Accepts unpadded or padded input; empty optional on a character outside the alphabet.
std::optional<Bytes> from_base64url(std::string_view text);

}  // namespace cmk::crypto
