#pragma once
// The project configuration file (.cmkguard.yaml): defaults for scan flags, extra and disabled
// rules, severity overrides, excluded paths, suppressions with justifications, a baseline.
// Command-line flags override it. Described by schemas/config.schema.json.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arm/expr/context.hpp"
#include "json/diagnostic.hpp"
#include "rules/rule_loader.hpp"
#include "rules/severity.hpp"
#include "rules/suppression.hpp"
#include "util/file_text.hpp"
#include "util/glob.hpp"

namespace cmk::rules {

inline constexpr const char* kDefaultConfigName = ".cmkguard.yaml";

// The deployment a group of files goes to, as an estate: they get these context values instead
// of the shared ones (fields not given stay shared).
struct DeploymentMapping {
  std::shared_ptr<const Glob> files;
  arm::expr::DeploymentContext context;
};

struct Config {
  std::string path;  // where it was read from
  std::optional<Severity> fail_on;
  bool fail_on_none = false;  // failOn: none
  // Folder names not entered when walking a directory (replaces the defaults).
  std::optional<std::vector<std::string>> skip_directories;
  bool bicep = false;                  // compile .bicep inputs (--bicep)
  std::optional<std::string> unknown;  // fail | warn | ignore
  bool builtin_rules = true;
  std::vector<std::string> rule_paths;  // resolved against the config file's folder
  std::vector<std::string> disabled_rules;
  std::vector<std::pair<std::string, Severity>> severity_overrides;
  std::vector<std::shared_ptr<const Glob>> exclude;
  std::vector<Suppression> suppressions;
  std::optional<std::string> baseline;  // resolved against the config file's folder
  // Largest file read, in bytes (--max-file-size); the configuration itself is read before it
  // is known, with the flag's value or the default.
  std::optional<std::uintmax_t> max_file_size;
  std::vector<DeploymentMapping> deployments;
};

struct ConfigLoadResult {
  std::optional<Config> config;  // empty on error
  Diagnostics diagnostics;
};

ConfigLoadResult load_config_text(const std::string& display_path, const std::string& text,
                                  const std::filesystem::path& base_dir);
// Read through read_file_text: a special file or one over `max_size` bytes is an error.
ConfigLoadResult load_config_file(const std::filesystem::path& path,
                                  std::uintmax_t max_size = kDefaultMaxFileSize);

// Drops disabled rules and applies severity overrides; an id that names no rule is an error
// with a "did you mean".
void apply_rule_settings(const Config& config, RuleLoadResult& rules);

}  // namespace cmk::rules
