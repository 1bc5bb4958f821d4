// End-to-end: where `crypt encrypt` and `crypt decrypt` write, and what an interrupted decrypt
// leaves behind (nothing: the plaintext has no name until it is complete and authenticated).

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "cli_runner.hpp"
#include "crypto/file_helpers.hpp"

using namespace cmk::crypto::testing;
namespace fs = std::filesystem;

namespace {

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// A store with key `cmk` and `files/plain` (of `size` bytes) encrypted to `files/enc`.
void encrypted_file(const TempDir& dir, size_t size) {
  REQUIRE(run_cmkguard({"crypt", "vault", "create", dir / "kv", "--name", "contoso"}).exit_code ==
          0);
  REQUIRE(run_cmkguard({"crypt", "key", "create", dir / "kv", "cmk"}).exit_code == 0);
  fs::create_directory(dir.path() / "files");
  write_all(dir / "files/plain", std::string(size, 'p'));
  REQUIRE(run_cmkguard({"crypt", "encrypt", "--keystore", dir / "kv", "--key", "cmk",
                        dir / "files/plain", dir / "files/enc"})
              .exit_code == 0);
  fs::remove(dir.path() / "files/plain");
}

}  // namespace

TEST_CASE("crypt decrypt: '-' writes the plaintext, and only it, to stdout", "[output]") {
  TempDir dir;
  encrypted_file(dir, 100000);
  const std::string cmd = std::string("'") + CMKGUARD_BINARY + "' crypt decrypt --keystore '" +
                          (dir / "kv") + "' '" + (dir / "files/enc") + "' - > '" +
                          (dir / "stdout") + "' 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(read_all(dir / "stdout") == std::string(100000, 'p'));
  CHECK(names_in(dir.path() / "files") == std::set<std::string>{"enc"});
}

TEST_CASE("crypt decrypt: a killed run leaves no plaintext beside the output", "[output]") {
  // kill -9 during decrypt left 15-200 MB of verified plaintext beside the output, 8 runs in 8.
  TempDir dir;
  encrypted_file(dir, 64 << 20);
  for (const int sig : {SIGKILL, SIGTERM, SIGINT}) {
    INFO("signal " << sig);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      const std::string kv = dir / "kv", in = dir / "files/enc", out = dir / "files/out";
      ::execl(CMKGUARD_BINARY, CMKGUARD_BINARY, "crypt", "decrypt", "--keystore", kv.c_str(),
              in.c_str(), out.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    ::kill(child, sig);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    // Decrypting 64 MiB takes about 170 ms; 40 ms in, the run is past its start-up and writing.
    // Killed mid-way: nothing new. Done before the signal: the complete output, nothing else.
    const std::set<std::string> names = names_in(dir.path() / "files");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      CHECK(names == std::set<std::string>{"enc", "out"});
      fs::remove(dir.path() / "files/out");
    } else {
      CHECK(names == std::set<std::string>{"enc"});
    }
  }
}
