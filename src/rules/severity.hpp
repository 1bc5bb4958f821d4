#pragma once

#include <optional>
#include <string_view>

namespace cmk::rules {

// Ordered: a threshold keeps everything at or above it.
enum class Severity { Info, Low, Medium, High, Critical };

const char* severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace cmk::rules
