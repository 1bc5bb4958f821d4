#pragma once
// Compiling a .bicep file to an ARM template with the Bicep CLI the user has installed, as PSRule
// does: cmkguard reads ARM JSON only.

#include <filesystem>
#include <optional>
#include <string>

namespace cmk::arm {

struct BicepBuild {
  std::optional<std::string> json;  // the compiled template; empty on error
  std::string error;                // why not: no compiler on PATH, or the compiler's message
  bool no_compiler = false;         // neither `bicep` nor `az` is on PATH
};

// Runs `bicep build FILE --stdout`, or `az bicep build --file FILE --stdout` when only `az` is
// on PATH (no shell; the file name is one argument).
BicepBuild build_bicep(const std::filesystem::path& file);

// What a .bicep input gets when it is not compiled: how to compile it.
std::string bicep_not_compiled_message();

}  // namespace cmk::arm
