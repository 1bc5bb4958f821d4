#pragma once

namespace cmk {
inline constexpr const char* kVersion = "0.1.0";
}
