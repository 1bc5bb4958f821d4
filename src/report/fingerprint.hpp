#pragma once
// Finding fingerprints: what baselines match and SARIF's partialFingerprints carry.

#include <string>

#include "rules/finding.hpp"

namespace cmk::report {

// Stable across runs, unrelated edits and how the file was named: rule, resource type, name as
// written and evaluated, enclosing nested deployments, property path, and the file relative to
// its git repository's root (else to the current directory). 32 hex digits.
std::string finding_fingerprint(const rules::Finding& f);

// The fingerprint of earlier releases (rule, type, name as written, property path, and the file
// as typed), still matched so that existing baselines keep working.
std::string legacy_fingerprint(const rules::Finding& f);

}  // namespace cmk::report
