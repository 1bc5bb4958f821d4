#pragma once
// `--explain-values`: every resource as the checker believed it to be, one evaluated property
// per line, so a user can see why a rule passed, failed or stayed unknown.

#include <string>
#include <vector>

#include "pipeline/scan.hpp"

namespace cmk::report {

std::string render_values(const std::vector<pipeline::ResourceValues>& resources);

}  // namespace cmk::report
