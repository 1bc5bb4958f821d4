#pragma once
// What an audit report records so a reader can reproduce and trust it: the inputs with their
// hashes, the settings in effect, the source revision and the time. Gathered by the command
// line, rendered by the audit report.

#include <string>
#include <utility>
#include <vector>

namespace cmk::report {

struct EvidenceFile {
  std::string role;    // "input", "parameters", "configuration", "baseline", ...
  std::string path;    // as shown elsewhere in the report
  std::string sha256;  // lowercase hex (sha256_hex); empty when the file could not be read
};

struct Evidence {
  std::string generated;  // UTC, ISO 8601 (2026-11-23T10:00:00Z)
  std::vector<EvidenceFile> files;
  std::vector<std::pair<std::string, std::string>> settings;  // name, value in effect
  std::string revision;  // "git commit ..." or why there is none
};

}  // namespace cmk::report
