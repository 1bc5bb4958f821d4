// The key store under concurrent writers and tampering: no lost versions, and every field read
// back is validated; store files are not followed through symbolic links.

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

#include "crypto/file_helpers.hpp"
#include "crypto/rsa_key.hpp"
#include "crypto/vault.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;
namespace fs = std::filesystem;

namespace {

std::string replace_in_file(const std::string& path, const std::string& pattern,
                            const std::string& with) {
  std::string text = read_all(path);
  text = std::regex_replace(text, std::regex(pattern), with);
  fs::remove(path);
  write_all(path, text);
  return text;
}

// A store at DIR/kv with one key per name in `keys` (each a 2048-bit RSA key).
Vault store_with(const TempDir& dir, const std::vector<std::string>& keys,
                 bool purge_protection = false) {
  auto v = Vault::create(dir / "kv", {"kv1", true, 90, purge_protection});
  REQUIRE(v);
  for (const std::string& k : keys) REQUIRE(v->create_key(k, 2048));
  return std::move(*v);
}

}  // namespace

TEST_CASE("key store: concurrent rotations lose no version", "[keystore]") {
  // 4-8 simultaneous `key rotate` lost 9 of 80 versions, each reporting success.
  TempDir dir;
  const std::string store = dir / "kv";
  store_with(dir, {"k"});
  constexpr int kProcesses = 6;
  constexpr int kRotations = 4;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      auto v = Vault::open(store);
      int failures = v ? 0 : 1;
      for (int i = 0; v && i < kRotations; ++i) failures += v->rotate_key("k") ? 0 : 1;
      ::_exit(failures);
    }
    children.push_back(child);
  }
  for (pid_t child : children) {
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  auto v = Vault::open(store);
  REQUIRE(v);
  auto key = v->get_key("k");
  REQUIRE(key);
  CHECK(key->versions.size() == 1 + kProcesses * kRotations);
}

TEST_CASE("key store: a version outside the store is refused", "[keystore]") {
  TempDir dir;
  const std::string store = dir / "kv";
  Vault v = store_with(dir, {"k"});
  replace_in_file(store + "/keys/k/index.json", "\"[0-9a-f]{32}\"", "\"../../../evil\"");
  auto key = v.get_key("k");
  REQUIRE_FALSE(key);
  CHECK(key.error().code == ErrorCode::Format);
  CHECK(key.error().message.find("invalid version '../../../evil'") != std::string::npos);
}

TEST_CASE("key store: tampered retention and purge dates stop the open", "[keystore]") {
  TempDir dir;
  const std::string store = dir / "kv";
  REQUIRE(store_with(dir, {"k"}, true).delete_key("k").ok());
  // scheduledPurgeDate 0 let the next open purge the key despite purge protection.
  replace_in_file(store + "/deleted/k/deleted.json", "\"scheduledPurgeDate\": *[0-9]+",
                  "\"scheduledPurgeDate\": 0");
  auto opened = Vault::open(store);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().message.find("scheduledPurgeDate is not 7-90 days after deletedDate") !=
        std::string::npos);
  CHECK(fs::exists(store + "/deleted/k"));
  replace_in_file(store + "/vault.json", "\"softDeleteRetentionInDays\": *[0-9]+",
                  "\"softDeleteRetentionInDays\": -5");
  opened = Vault::open(store);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().message.find("softDeleteRetentionInDays is -5, not between 7 and 90") !=
        std::string::npos);
  CHECK(fs::exists(store + "/deleted/k"));
}

TEST_CASE("key store: a JWK whose modulus was swapped does not load", "[keystore]") {
  TempDir dir;
  const std::string store = dir / "kv";
  Vault v = store_with(dir, {"a", "b"});
  const std::string a_file = store + "/keys/a/" + v.get_key("a")->current().version + ".json";
  const std::string b_text =
      read_all(store + "/keys/b/" + v.get_key("b")->current().version + ".json");
  std::smatch n;
  REQUIRE(std::regex_search(b_text, n, std::regex("\"n\": *\"[^\"]+\"")));
  replace_in_file(a_file, "\"n\": *\"[^\"]+\"", n.str());
  auto kek = v.customer_key("a");
  REQUIRE_FALSE(kek);
  CHECK(kek.error().message.find("public and private parts do not match") != std::string::npos);
}

TEST_CASE("key store: files are not followed through symbolic links", "[keystore]") {
  TempDir dir;
  const std::string store = dir / "kv";
  auto v = Vault::create(store, {"kv1", true, 90, false});
  REQUIRE(v);
  const std::string victim = dir / "victim";
  write_all(victim, "precious\n");
  fs::remove(store + "/audit.log");
  fs::create_symlink(victim, store + "/audit.log");
  auto created = v->create_key("k", 2048);
  REQUIRE_FALSE(created);
  CHECK(created.error().message.find("cannot open audit log") != std::string::npos);
  CHECK(read_all(victim) == "precious\n");
  fs::remove(store + "/audit.log");
  REQUIRE(v->create_key("k2", 2048));
  // A symbolic link in place of index.json is neither read nor written through.
  fs::rename(store + "/keys/k2/index.json", dir / "index.json");
  fs::create_symlink(dir / "index.json", store + "/keys/k2/index.json");
  auto key = v->get_key("k2");
  REQUIRE_FALSE(key);
  CHECK(key.error().message.find("it is a symbolic link") != std::string::npos);
  CHECK_FALSE(v->rotate_key("k2"));
}

TEST_CASE("key store: vault create on an existing folder makes it private", "[keystore]") {
  TempDir dir;
  const std::string store = dir / "open";
  fs::create_directory(store);
  ::chmod(store.c_str(), 0777);
  REQUIRE(Vault::create(store, {"kv1", true, 90, false}));
  struct stat st {};
  REQUIRE(::stat(store.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
}

TEST_CASE("RsaKey::public_only gives the public half", "[keystore]") {
  auto key = RsaKey::generate(2048);
  REQUIRE(key);
  auto pub = key->public_only();
  REQUIRE(pub);
  CHECK_FALSE(pub->has_private());
  CHECK(pub->bits() == 2048);
}
