// End-to-end: inputs that are not what a scan expects (devices, FIFOs, huge files, unreadable
// folders) end the run with a clear input error, not a hang or a silent gap.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <string>

#include "test_support.hpp"

using cmk::test::q;
using cmk::test::run_cmkguard;
using cmk::test::write_temp;

namespace {

std::string vault(const std::string& name) { return cmk::test::vault_named(name); }

}  // namespace

TEST_CASE("scan: a device named as input or option file is an input error", "[hostile]") {
  // Each of these read /dev/zero until memory ran out.
  const auto ok = write_temp("hostile/ok.json", vault("kv"));
  auto r = run_cmkguard("scan /dev/zero");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "/dev/zero: error: not a regular file (a character device)\n");
  for (const std::string flag : {"--rules", "--config", "--parameters", "--baseline"}) {
    INFO(flag);
    r = run_cmkguard("scan " + flag + " /dev/zero " + q(ok));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("/dev/zero") != std::string::npos);
    CHECK(r.err.find("not a regular file (a character device)") != std::string::npos);
  }
}

TEST_CASE("scan: a FIFO is refused when named, skipped with a note in a folder", "[hostile]") {
  // Opening a FIFO blocked until some other process wrote to it.
  const auto dir = write_temp("hostile/fifo/a.json", vault("kv")).parent_path();
  const auto fifo = dir / "pipe.json";
  cmk::test::make_fifo(fifo);
  auto r = run_cmkguard("scan " + q(fifo));
  CHECK(r.exit_code == 2);
  CHECK(r.err == fifo.string() + ": error: not a regular file (a FIFO)\n");
  r = run_cmkguard("scan -v " + q(dir));
  CHECK(r.exit_code == 1);  // the vault's finding
  CHECK(r.err.find(fifo.string() + ": note: skipped: a FIFO, not a regular file") !=
        std::string::npos);
}

TEST_CASE("scan: a file over --max-file-size is an error; the others are scanned", "[hostile]") {
  const auto small = write_temp("hostile/size/a.json", vault("kv-small"));
  const auto big = write_temp("hostile/size/b.json", vault(std::string(2000, 'k')));
  const auto size = std::to_string(std::filesystem::file_size(big));
  auto r = run_cmkguard("scan --max-file-size 1000 " + q(small.parent_path()));
  CHECK(r.exit_code == 2);
  CHECK(r.err == big.string() + ": error: file is " + size +
                     " bytes, over the limit of 1000 bytes (--max-file-size)\n");
  CHECK(r.out.find("Key vault 'kv-small' does not enable purge protection") != std::string::npos);
  CHECK(run_cmkguard("scan --max-file-size 100000 " + q(big)).exit_code == 1);
  const auto config = write_temp("hostile/size.cmkguard.yaml", "maxFileSize: 1000\n");
  r = run_cmkguard("scan --config " + q(config) + " " + q(big));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("over the limit of 1000 bytes") != std::string::npos);
  CHECK(
      run_cmkguard("scan --config " + q(config) + " --max-file-size 100000 " + q(big)).exit_code ==
      1);
  const auto bad_config = write_temp("hostile/bad.cmkguard.yaml", "maxFileSize: -1\n");
  r = run_cmkguard("scan --config " + q(bad_config) + " " + q(small));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("1:14: error: maxFileSize must be a positive number of bytes") !=
        std::string::npos);
  r = run_cmkguard("scan --max-file-size 12x " + q(small));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "cmkguard scan: --max-file-size takes a positive number of bytes, got '12x'\n");
}

TEST_CASE("scan: a linked template over --max-file-size is not followed, and says why",
          "[hostile]") {
  const auto main = write_temp("hostile/link/main.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
     "properties": {"mode": "Incremental", "templateLink": {"relativePath": "nested/big.json"}}}
  ]
})");
  const auto big = write_temp("hostile/link/nested/big.json", vault(std::string(3000, 'k')));
  const auto r = run_cmkguard("scan --max-file-size 2000 " + q(main));
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("warning: linked template '" + big.string() + "' cannot be read (file is " +
                   std::to_string(std::filesystem::file_size(big)) +
                   " bytes, over the limit of 2000 bytes (--max-file-size))") != std::string::npos);
}

TEST_CASE("scan: an unreadable folder is an error naming it", "[hostile]") {
  const auto dir = write_temp("hostile/perm/a.json", vault("kv")).parent_path();
  const auto locked = write_temp("hostile/perm/locked/b.json", vault("kv2")).parent_path();
  std::filesystem::permissions(locked, std::filesystem::perms::none);
  const auto r = run_cmkguard("scan " + q(dir));
  std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
  // Root reads it anyway; input_collect_test fails a listing through the seam for that case.
  if (::geteuid() == 0) {
    WARN("root reads a mode-000 folder; end-to-end check skipped");
    return;
  }
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(locked.string() + ": error: cannot read directory: Permission denied") !=
        std::string::npos);

  const auto rules = write_temp("hostile/perm-rules/locked/x.yaml", "").parent_path();
  std::filesystem::permissions(rules, std::filesystem::perms::none);
  const auto with_rules = run_cmkguard("scan --rules " + q(rules.parent_path()) + " " + q(dir));
  std::filesystem::permissions(rules, std::filesystem::perms::owner_all);
  CHECK(with_rules.exit_code == 2);
  CHECK(with_rules.err.find(rules.parent_path().string() +
                            ": error: cannot read rule directory: Permission denied") !=
        std::string::npos);
}
