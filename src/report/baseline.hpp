#pragma once
// Baselines: a JSON report saved earlier. Findings whose fingerprint it lists are known, still
// reported, and do not fail the scan; new ones do.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "json/diagnostic.hpp"
#include "rules/finding.hpp"
#include "util/file_text.hpp"

namespace cmk::report {

// The fingerprints of a report written by `cmkguard scan --format json`. Errors go to
// `diagnostics` (a missing or malformed file); the set is then empty.
std::set<std::string> read_baseline(const std::string& path, Diagnostics& diagnostics,
                                    std::uintmax_t max_size = kDefaultMaxFileSize);

void mark_baseline(std::vector<rules::Finding>& findings, const std::set<std::string>& baseline);

}  // namespace cmk::report
