// The one output writer: streams are written, never replaced; regular files are replaced whole;
// no name shows partial output, and an interrupted run leaves no temporary file.

#include "crypto/atomic_file.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "crypto/file_helpers.hpp"
#include "test_support.hpp"

using namespace cmk::crypto;
using cmk::crypto::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

}  // namespace

TEST_CASE("output: a FIFO is written, not replaced", "[output]") {
  TempDir dir;
  const fs::path fifo = dir.path() / "pipe";
  cmk::test::make_fifo(fifo);
  std::string got;
  std::thread reader([&] { got = slurp(fifo); });
  const Status st = write_file_atomically(fifo.string(), "report\n", true);
  reader.join();
  CHECK(st.ok());
  CHECK(got == "report\n");
  CHECK(fs::is_fifo(fs::symlink_status(fifo)));
  CHECK(names_in(dir.path()) == std::set<std::string>{"pipe"});
}

TEST_CASE("output: a character device is written, not replaced", "[output]") {
  // `-o /dev/null` as root turned the system's /dev/null into a regular file. A device node of
  // our own stands in for it (creating one needs root).
  // Not a CI requirement: CI may run unprivileged, where no device can be made.
  if (::geteuid() != 0) {
    WARN("not root: cannot make a device node; skipped");
    return;
  }
  TempDir dir;
  const fs::path null = dir.path() / "null";
  if (::mknod(null.c_str(), S_IFCHR | 0666, ::makedev(1, 3)) != 0) {
    WARN("mknod refused here (" << std::strerror(errno) << "); skipped");
    return;
  }
  CHECK(write_file_atomically(null.string(), "report\n", true).ok());
  struct stat st {};
  REQUIRE(::lstat(null.c_str(), &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  CHECK(names_in(dir.path()) == std::set<std::string>{"null"});
}

TEST_CASE("output: a symbolic link is followed; one that leads nowhere is refused", "[output]") {
  TempDir dir;
  const fs::path target = dir.path() / "target.json";
  const fs::path link = dir.path() / "link.json";
  std::ofstream(target) << "old";
  fs::create_symlink(target, link);
  REQUIRE(write_file_atomically(link.string(), "new").ok());
  CHECK(fs::is_symlink(link));
  CHECK(slurp(target) == "new");
  const fs::path dangling = dir.path() / "dangling.json";
  fs::create_symlink(dir.path() / "missing" / "x", dangling);
  const Status st = write_file_atomically(dangling.string(), "new");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("symbolic link that leads nowhere") != std::string::npos);
  CHECK_FALSE(write_file_atomically(dir.path().string(), "x").ok());  // a directory
}

TEST_CASE("output: a planted link at a predictable temp name is not followed", "[output]") {
  // `scan -o rep.json` wrote through a fixed rep.json.tmp: a link there overwrote its target.
  TempDir dir;
  const fs::path victim = dir.path() / "victim";
  std::ofstream(victim) << "precious";
  for (const char* name : {"rep.json.tmp", ".rep.json.tmp"}) {
    fs::create_symlink(victim, dir.path() / name);
  }
  for (bool unnamed : {true, false}) {
    AtomicFile::set_unnamed_temps(unnamed);
    CHECK(write_file_atomically((dir.path() / "rep.json").string(), "report", true).ok());
  }
  AtomicFile::set_unnamed_temps(true);
  CHECK(slurp(victim) == "precious");
  CHECK(slurp(dir.path() / "rep.json") == "report");
  CHECK((fs::status(dir.path() / "rep.json").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
         fs::perms::others_read));
}

TEST_CASE("output: no name shows the output before it is committed", "[output]") {
  TempDir dir;
  const fs::path out = dir.path() / "plain.txt";
  {
    auto file = AtomicFile::create(out.string());
    REQUIRE(file);
    REQUIRE(file->sink().write(as_bytes(std::string_view("secret plaintext"))).ok());
    CHECK(names_in(dir.path()).empty());  // unnamed (O_TMPFILE)
    REQUIRE(file->commit().ok());
  }
  CHECK(names_in(dir.path()) == std::set<std::string>{"plain.txt"});
  CHECK(slurp(out) == "secret plaintext");
  CHECK((fs::status(out).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  {
    auto file = AtomicFile::create(out.string());
    REQUIRE(file);
    REQUIRE(file->sink().write(as_bytes(std::string_view("partial"))).ok());
  }  // not committed: the old file stays, nothing else appears
  CHECK(names_in(dir.path()) == std::set<std::string>{"plain.txt"});
  CHECK(slurp(out) == "secret plaintext");
}

TEST_CASE("output: a process killed while writing leaves no temporary file", "[output]") {
  // kill -9 or SIGTERM during `crypt decrypt` left 15-200 MB of plaintext beside the output.
  for (const bool unnamed : {true, false}) {
    INFO("unnamed temps: " << unnamed);
    TempDir dir;
    const fs::path out = dir.path() / "plain.txt";
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      remove_temps_on_signals();
      AtomicFile::set_unnamed_temps(unnamed);
      auto file = AtomicFile::create(out.string());
      if (!file || !file->sink().write(as_bytes(std::string_view("plaintext"))).ok()) _exit(3);
      (void)!::write(ready[1], "x", 1);
      for (;;) ::pause();
    }
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    CHECK(names_in(dir.path()).size() == (unnamed ? 0u : 1u));
    // Unnamed temps vanish even on SIGKILL; a named one is removed by the SIGTERM handler.
    ::kill(child, unnamed ? SIGKILL : SIGTERM);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(names_in(dir.path()).empty());
    ::close(ready[0]);
    ::close(ready[1]);
  }
}
