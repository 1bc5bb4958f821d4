#pragma once
// A scan: collect input files, prepare each (prepared_input.hpp), run the rules, apply
// suppressions.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arm/input_file.hpp"
#include "arm/input_walk.hpp"
#include "json/diagnostic.hpp"
#include "json/value.hpp"
#include "pipeline/prepared_input.hpp"
#include "rules/finding.hpp"
#include "rules/rule.hpp"
#include "rules/suppression.hpp"
#include "util/glob.hpp"

namespace cmk::pipeline {

struct ScanOptions {
  std::vector<std::string> paths;                    // files and directories
  std::vector<std::shared_ptr<const Glob>> exclude;  // inputs to leave out
  std::vector<rules::Suppression> suppressions;      // from the configuration
  std::string today;                                 // YYYY-MM-DD, for suppression expiry

  // How each file is read and modelled. Its link_roots are set by the scan: each directory
  // given, and the folder of each file given.
  InputOptions input;
  bool keep_values = false;  // fill ScanResult::values (--explain-values)
  // Threads that read and judge files (1: all on the calling thread). The result is the same
  // for any number.
  unsigned jobs = 1;
  // Folder names a directory walk does not enter (tool and version-control folders).
  std::vector<std::string> skip_directories = arm::default_skip_directories();
};

// A resource as the checker saw it, for --explain-values.
struct ResourceValues {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string type;
  std::string name;  // as written
  std::optional<std::string> evaluated_name;
  std::string condition;  // when unknown
  bool existing = false;
  json::Value body;
};

struct ScanStats {
  size_t files = 0;      // JSON files read
  size_t templates = 0;  // of which ARM templates
  size_t parameter_files = 0;
  size_t live_files = 0;
  size_t skipped = 0;  // JSON that is none of the above
  size_t resources = 0;
};

struct ScanResult {
  std::vector<rules::Finding> findings;  // in input order, then by position
  Diagnostics diagnostics;               // input errors and warnings, notes for skipped files
  ScanStats stats;
  std::vector<ResourceValues> values;  // with ScanOptions::keep_values
  std::vector<std::string> inputs;     // every file read as an input, as displayed, in order
};

// The files form one estate: an account's CMK links reach vaults, keys, identities and grants in
// the other files (templates and live exports) too. Files are judged one at a time; those with
// such links once every file has been read, and only the resources links may reach are kept
// from the others, so memory grows with the estate's key-management resources, not the inputs.
ScanResult scan(const std::vector<rules::Rule>& rules, const ScanOptions& options);

}  // namespace cmk::pipeline
