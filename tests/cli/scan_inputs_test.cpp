// Which inputs a scan covers: dot folders, tool folders skipped, standard input, Bicep files,
// the template beside a parameters file, and a scan that finds nothing.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.hpp"

using cmk::test::contains;
using cmk::test::q;
using cmk::test::run_cmkguard;
using cmk::test::write_temp;

namespace fs = std::filesystem;

namespace {

// An executable script at `path` that prints `body`'s output.
void write_script(const fs::path& path, const std::string& body) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << "#!/bin/sh\n" << body;
  fs::permissions(path, fs::perms::owner_all);
}

cmk::test::CommandResult with_path(const fs::path& path, const std::string& args) {
  // The system folders stay for the fake compiler's own commands (cat).
  return cmk::test::run_cmkguard_with("PATH=" + q(path.string() + ":/usr/bin:/bin"), args);
}

}  // namespace

TEST_CASE("scan: dot folders are scanned, tool folders skipped and listed with --verbose",
          "[scan_inputs]") {
  const auto a = write_temp("dotdirs/.azure/a.json", cmk::test::kSoftDeleteOffVault);
  write_temp("dotdirs/.test/b.json", cmk::test::kSoftDeleteOffVault);
  write_temp("dotdirs/.git/c.json", cmk::test::kSoftDeleteOffVault);
  write_temp("dotdirs/node_modules/pkg/d.json", cmk::test::kSoftDeleteOffVault);
  const fs::path root = a.parent_path().parent_path();
  auto r = run_cmkguard("scan --no-config --verbose " + q(root));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, ".azure/a.json:"));
  CHECK(contains(r.out, ".test/b.json:"));
  CHECK_FALSE(contains(r.out, "c.json"));
  CHECK_FALSE(contains(r.out, "d.json"));
  CHECK(contains(r.err, ".git: note: skipped folder: a tool or version-control folder"));
  CHECK(contains(r.err, "node_modules: note: skipped folder"));
  CHECK(contains(r.out, "2 file(s) scanned"));

  // --no-skip-dirs enters them all; skipDirectories replaces the default list.
  r = run_cmkguard("scan --no-config --no-skip-dirs " + q(root));
  CHECK(contains(r.out, "4 file(s) scanned"));
  const auto config = write_temp("dotdirs-config/.cmkguard.yaml", "skipDirectories: [.test]\n");
  r = run_cmkguard("scan --config " + q(config) + " " + q(root));
  CHECK(contains(r.out, ".git/c.json:"));
  CHECK(contains(r.out, "node_modules/pkg/d.json:"));
  CHECK_FALSE(contains(r.out, "b.json"));
  const auto bad = write_temp("dotdirs-config/bad.yaml", "skipDirectories: [a/b]\n");
  r = run_cmkguard("scan --config " + q(bad) + " " + q(root));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "bad.yaml:1:18: error: skipDirectories holds folder names, not paths"));
}

TEST_CASE("scan: a scan that finds no template says so", "[scan_inputs]") {
  const auto other = write_temp("nothing/package.json", "{\"name\": \"x\"}");
  auto r = run_cmkguard("scan --no-config " + q(other.parent_path()));
  CHECK(r.exit_code == 0);
  CHECK(
      contains(r.err, "warning: no ARM template or exported resource found: nothing was checked"));
  fs::create_directories(other.parent_path() / "empty");
  r = run_cmkguard("scan --no-config " + q(other.parent_path() / "empty"));
  CHECK(contains(r.err, "(0 file(s) read)"));
}

TEST_CASE("scan: - reads a template from standard input, shown as <stdin>", "[scan_inputs]") {
  const auto t = write_temp("stdin/t.json", cmk::test::kSoftDeleteOffVault);
  auto r = cmk::test::run_cmkguard_with("", "scan --no-config -", t);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "<stdin>:4:"));
  CHECK(contains(r.out, "[kv-soft-delete]"));
  r = cmk::test::run_cmkguard_with("", "scan --no-config --format json -", t);
  CHECK(contains(r.out, "\"file\": \"<stdin>\""));
  const auto broken = write_temp("stdin/broken.json", "{\"a\": ");
  r = cmk::test::run_cmkguard_with("", "scan --no-config -", broken);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "<stdin>:1:"));
  r = cmk::test::run_cmkguard_with("", "scan --no-config - -", t);
  CHECK(r.exit_code == 2);
  r = cmk::test::run_cmkguard_with("", "scan --no-config --max-file-size 10 -", t);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "<stdin>: error: larger than the limit of 10 bytes"));
}

TEST_CASE("scan: .bicep files get a notice, or are compiled with --bicep", "[scan_inputs]") {
  const auto bicep =
      write_temp("bicep/main.bicep", "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {}\n");
  const auto dir = bicep.parent_path();
  // Without --bicep: the notice. With it and neither bicep nor az on PATH: an input error.
  auto r = run_cmkguard("scan --no-config " + q(bicep));
  CHECK(contains(r.err,
                 "main.bicep: warning: not scanned: a Bicep file must be compiled to an ARM "
                 "template first ('az bicep build --file FILE'"));
  const fs::path nothing = dir / "empty-path";
  fs::create_directories(nothing);
  r = cmk::test::run_cmkguard_with("PATH=" + q(nothing), "scan --no-config --bicep " + q(bicep));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err,
                 "main.bicep: error: cannot compile Bicep: neither 'bicep' nor 'az' is on PATH"));

  // A fake bicep on PATH prints a compiled template.
  const fs::path tools = dir / "tools";
  const auto compiled = write_temp("bicep-out/main.json", cmk::test::kSoftDeleteOffVault);
  write_script(tools / "bicep",
               "[ \"$1\" = build ] && [ \"$3\" = --stdout ] || exit 9\ncat " + q(compiled) + "\n");
  r = with_path(tools, "scan --no-config --bicep " + q(dir));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "main.bicep:4:"));
  CHECK(contains(r.out, "[kv-soft-delete]"));
  // bicep.yaml config key does the same.
  const auto config = write_temp("bicep-config/.cmkguard.yaml", "bicep: true\n");
  r = with_path(tools, "scan --config " + q(config) + " " + q(bicep));
  CHECK(r.exit_code == 1);
  // A compile error is an input error with the compiler's message.
  write_script(tools / "bicep", "echo 'main.bicep(1,1) : Error BCP007: bad' >&2\nexit 1\n");
  r = with_path(tools, "scan --no-config --bicep " + q(bicep));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "'bicep build' failed (exit code 1): main.bicep(1,1) : Error BCP007: bad"));
}

TEST_CASE("pre-commit: a changed parameters file alone is scanned with its template",
          "[scan_inputs]") {
  const auto tmpl = write_temp("precommit/main.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"softDelete": {"type": "bool", "defaultValue": true}},
  "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv1",
    "properties": {"enableSoftDelete": "[parameters('softDelete')]",
                   "enablePurgeProtection": true}}]
})");
  const auto params = write_temp("precommit/main.parameters.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0", "parameters": {"softDelete": {"value": false}}})");
  // What the hook runs when only the parameters file changed.
  const auto r = run_cmkguard("scan --no-config --verbose " + q(params));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, tmpl.string() + ":5:"));
  CHECK(contains(r.out, "[kv-soft-delete]"));
  CHECK(contains(r.err, "also scanning its template " + tmpl.string()));
  // Both named: the template is scanned once.
  const auto both = run_cmkguard("scan --no-config " + q(params) + " " + q(tmpl));
  CHECK(contains(both.out, "2 file(s) scanned"));

  // The hook passes parameters files and Bicep files, and shows its output on success too, so
  // medium findings below the failing threshold are seen.
  const std::string hook = cmk::test::read_text(cmk::test::source_dir() / ".pre-commit-hooks.yaml");
  CHECK(contains(hook, "entry: cmkguard scan"));
  CHECK(contains(hook, "verbose: true"));
  CHECK(contains(hook, "files: \\.(jsonc?|bicep)$"));
}
