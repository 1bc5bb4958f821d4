#pragma once
// Fingerprints, all SHA-256: of a finding, what baselines match and SARIF's partialFingerprints
// carry; of bytes, what the audit report's evidence records for inputs and rule definitions.

#include <string>

#include "rules/finding.hpp"

namespace cmk::report {

// SHA-256 of `bytes` as lowercase hex (64 digits).
std::string sha256_hex(const std::string& bytes);

// Stable across runs, unrelated edits and how the file was named: rule, resource type, name as
// written and evaluated, enclosing nested deployments, property path, and the file relative to
// its git repository's root (else to the current directory). 32 hex digits.
std::string finding_fingerprint(const rules::Finding& f);

// The fingerprint of earlier releases (rule, type, name as written, property path, and the file
// as typed), still matched so that existing baselines keep working.
std::string legacy_fingerprint(const rules::Finding& f);

}  // namespace cmk::report
