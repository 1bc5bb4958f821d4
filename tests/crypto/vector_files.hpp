#pragma once
// Test-only helpers to read the shared Wycheproof and NIST CAVP vector files.

#include <rapidjson/document.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.hpp"

namespace cmk::crypto::testing {

// Path under the shared data directory; empty optional when the file is absent (the test has
// then warned, or failed under CI: test::shared_path).
std::optional<std::string> shared_file(const std::string& relative);

// Parses a Wycheproof JSON file with RapidJSON; false when absent (as shared_file), a test failure
// when malformed.
bool load_wycheproof(const std::string& name, rapidjson::Document& doc);

Bytes hex(const rapidjson::Value& v);
Bytes hex(const std::string& s);

// One record of a NIST .rsp/.txt file: its fields plus the [bracketed] section settings, with
// "FAIL" present as a key when the record is marked FAIL.
using CavpRecord = std::map<std::string, std::string>;
std::vector<CavpRecord> load_cavp(const std::string& path);

// zlib inflate (the C2SP vectors compress their ciphertexts).
Bytes inflate(const Bytes& compressed);

}  // namespace cmk::crypto::testing
