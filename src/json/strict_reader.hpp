#pragma once
// The fast path for the common case: text that is strict JSON (no comments, no trailing commas,
// valid UTF-8, no NUL byte), read with simdjson's on-demand parser into the same tree, with the
// same offsets and the same warnings, as the relaxed reader gives.

#include <optional>

#include "json/reader.hpp"

namespace cmk::json {

// The tree of `source` from byte `from` on, or nullopt when simdjson refuses the text or
// anything in it needs the relaxed reader (which then reads it, and says what is wrong).
std::optional<ParseResult> parse_strict(const SourceText& source, size_t from);

}  // namespace cmk::json
