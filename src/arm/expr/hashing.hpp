#pragma once
// Azure's deterministic naming functions and the encodings they need.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cmk::arm::expr {

// Azure's 64-bit MurmurHash variant (two interleaved 32-bit lanes, as in
// Microsoft.WindowsAzure.ResourceStack's ComputeHash) over the bytes.
uint64_t murmur_hash64(std::string_view bytes, uint32_t seed = 0);

// uniqueString(a, b, ...): the arguments joined with '-', UTF-8, hashed with murmur_hash64 and
// written as 13 characters of base32 (a-z2-7), most significant bits first.
std::string unique_string(const std::vector<std::string>& parts);

// guid(a, b, ...): an RFC 4122 name-based (version 5, SHA-1) UUID of the arguments joined with
// '-' in the namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830, lower-case with dashes.
std::string arm_guid(const std::vector<std::string>& parts);

std::string base64_encode(std::string_view bytes);
// nullopt when the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace cmk::arm::expr
