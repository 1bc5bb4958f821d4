#pragma once
// Helpers shared by tests: repository and shared-data paths, running the CLI.

#include <filesystem>
#include <optional>
#include <string>

namespace cmk::test {

inline std::filesystem::path source_dir() { return CMKGUARD_SOURCE_DIR; }
inline std::filesystem::path shared_dir() { return CMKGUARD_SHARED_DIR; }

// `relative` under the shared data directory, when it exists. When it does not, the calling test
// warns and is skipped (empty optional) on a developer machine, but fails when the environment
// variable CI is set: a CI run that says all passed must have run the tests on the shared data.
std::optional<std::filesystem::path> shared_path(const std::filesystem::path& relative);

// Says why the calling test cannot run on this machine, before it returns: a warning on a
// developer machine, a test failure when the environment variable CI is set, since CI installs
// everything the tests need (scripts/install-deps.sh).
void cannot_run_here(const std::string& reason);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built cmkguard binary with `args` (already shell-quoted), capturing both streams.
CommandResult run_cmkguard(const std::string& args);

// Runs cmkguard with environment assignments `env` (e.g. "NO_COLOR=1", already quoted) and
// standard input read from `input`.
CommandResult run_cmkguard_with(const std::string& env, const std::string& args,
                                const std::filesystem::path& input = "/dev/null");

// Runs a shell command, capturing both streams (standard input is the caller's unless redirected).
CommandResult run_command(const std::string& shell_command);

// A template whose one key vault turns soft delete off: one kv-soft-delete failure.
inline const std::string kSoftDeleteOffVault = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv1",
    "properties": {"enableSoftDelete": false, "enablePurgeProtection": true}}]
})";

// A template with one key vault named `name` (any text), soft delete on, purge protection off.
std::string vault_named(const std::string& name);

// Whether `text` holds `what` anywhere.
inline bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

// A path quoted for the shell command run_cmkguard runs.
inline std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// The whole of a regular file, through the tool's own reader (util/file_text.hpp); a test
// failure when it cannot be read.
std::string read_text(const std::filesystem::path& path);

// Writes `text` to `name` under this test process's own temporary directory (made fresh at
// first use, removed at exit) and returns its path; an existing file of that name is replaced.
std::filesystem::path write_temp(const std::string& name, const std::string& text);

// Makes a FIFO at `path`; a test failure naming the system's reason when it cannot.
void make_fifo(const std::filesystem::path& path);

}  // namespace cmk::test
