#include "test_support.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "temp_dir.hpp"
#include "util/file_text.hpp"

namespace cmk::test {

namespace {
// One fresh directory per test process, removed when the process exits. A name made from the
// process ID alone was reused by a later run wherever IDs repeat (containers start at the same
// IDs), and files left there made tests that create a file fail.
const std::filesystem::path& temp_root() {
  static const TempDir root;
  return root.path();
}
}  // namespace

std::string read_text(const std::filesystem::path& path) {
  FileText read = read_file_text(path);
  if (!read.text) FAIL(path.string() << ": " << read.error);
  return std::move(*read.text);
}

std::optional<std::filesystem::path> shared_path(const std::filesystem::path& relative) {
  auto path = shared_dir() / relative;
  if (std::filesystem::exists(path)) return path;
  cannot_run_here("shared test data " + path.string() + " is missing");
  return std::nullopt;
}

void cannot_run_here(const std::string& reason) {
  if (std::getenv("CI") != nullptr) FAIL(reason << " (CI must run every test)");
  WARN(reason << "; skipped");
}

CommandResult run_cmkguard(const std::string& args) { return run_cmkguard_with("", args); }

CommandResult run_cmkguard_with(const std::string& env, const std::string& args,
                                const std::filesystem::path& input) {
  return run_command((env.empty() ? std::string() : "env " + env + " ") + "'" + CMKGUARD_BINARY +
                     "' " + args + " <" + q(input));
}

CommandResult run_command(const std::string& command) {
  static int counter = 0;
  const auto base = temp_root() / ("cmd" + std::to_string(++counter));
  const std::string cmd =
      "{ " + command + " ; } >'" + base.string() + ".out' 2>'" + base.string() + ".err'";
  const int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(base.string() + ".out");
  r.err = read_text(base.string() + ".err");
  return r;
}

std::string vault_named(const std::string& name) {
  std::string text = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "NAME",
     "location": "westeurope",
     "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
       "enableSoftDelete": true, "enablePurgeProtection": false}}
  ]
})";
  text.replace(text.find("NAME"), 4, name);
  return text;
}

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  auto path = temp_root() / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

void make_fifo(const std::filesystem::path& path) {
  if (::mkfifo(path.c_str(), 0600) != 0) {
    FAIL("cannot make a FIFO at " << path.string() << ": " << std::strerror(errno));
  }
}

}  // namespace cmk::test
