#pragma once
// Parameter values for a template: from parameter files (given, or X.parameters.json paired
// with X.json) and from name=value pairs on the command line, later sources overriding earlier.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "arm/input_file.hpp"
#include "json/diagnostic.hpp"
#include "json/value.hpp"

namespace cmk::arm {

// name -> value, as an object Value (names case-insensitive, as in ARM).
using ParameterValues = json::Value;

// The values of a deploymentParameters file. A Key Vault secret reference becomes Unknown: a
// secret is never read. Entries without `value` or `reference` are warnings.
ParameterValues parameter_values_of(const InputFile& file, Diagnostics& diagnostics);

// `name=value`: value parsed as JSON when it is JSON (true, 3, {"a":1}), else taken as a string.
std::optional<std::pair<std::string, json::Value>> parse_param_assignment(const std::string& text);

// The parameters file Azure quickstarts and `az deployment` conventions pair with a template:
// X.parameters.json beside X.json (also azuredeploy.parameters.json for azuredeploy.json).
std::optional<std::filesystem::path> paired_parameters_file(const std::filesystem::path& tmpl);

// The values of the parameters file paired with `tmpl`, or an empty object when there is none.
// Read errors of the paired file go to `diagnostics`.
ParameterValues paired_parameter_values(const std::filesystem::path& tmpl, Diagnostics& diagnostics,
                                        std::uintmax_t max_size = kDefaultMaxFileSize);

// Copies every member of `overrides` into `base`, replacing case-insensitive matches.
void apply_overrides(ParameterValues& base, const ParameterValues& overrides);

}  // namespace cmk::arm
