#include "crypto/vault.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

#include "crypto/envelope.hpp"
#include "crypto/file_helpers.hpp"
#include "json/reader.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;

namespace {
struct FakeClock {
  int64_t now = 1'800'000'000;
  Clock clock() {
    return [this] { return now; };
  }
};

Result<Bytes> seal(Vault& v, const std::string& key_name, const Bytes& plain) {
  auto service = v.service_key();
  if (!service) return service.error();
  EnvelopeKeys keys{*service, nullptr};
  if (!key_name.empty()) {
    auto customer = v.customer_key(key_name);
    if (!customer) return customer.error();
    keys.customer = *customer;
  }
  MemorySource in(plain);
  MemorySink out;
  auto st = encrypt_stream(keys, {}, in, out);
  if (!st) return st.error();
  return out.bytes();
}

Status open(Vault& v, const Bytes& sealed) {
  MemorySource in(sealed);
  MemorySink out;
  return decrypt_stream(v, in, out);
}

std::vector<std::string> audit_lines(const Vault& v) {
  std::ifstream in(v.audit_log().path());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}
}  // namespace

TEST_CASE("vault creation validates Azure's properties") {
  TempDir dir;
  CHECK(Vault::create(dir / "a", {"x", true, 90, false}).error().code ==
        ErrorCode::InvalidArgument);
  CHECK(Vault::create(dir / "a", {"kv1", true, 6, false}).error().code ==
        ErrorCode::InvalidArgument);
  CHECK(Vault::create(dir / "a", {"kv1", true, 91, false}).error().code ==
        ErrorCode::InvalidArgument);
  CHECK(Vault::create(dir / "a", {"kv1", false, 90, true}).error().code ==
        ErrorCode::InvalidArgument);
  auto v = Vault::create(dir / "a", {"kv1", true, 7, true});
  REQUIRE(v.ok());
  CHECK(v->uri() == "https://kv1.vault.azure.net");
  struct stat st {};
  REQUIRE(stat((dir / "a/service-key.json").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(Vault::create(dir / "a", {"kv1", true, 7, true}).error().code == ErrorCode::AlreadyExists);
  auto reopened = Vault::open(dir / "a");
  REQUIRE(reopened.ok());
  CHECK(reopened->properties().purge_protection);
  CHECK(reopened->properties().retention_days == 7);
  CHECK(Vault::open(dir / "missing").error().code == ErrorCode::InvalidArgument);
  auto upper = Vault::create(dir / "b", {"Contoso-KV", true, 90, false});
  REQUIRE(upper.ok());
  CHECK(upper->uri() == "https://contoso-kv.vault.azure.net");
}

TEST_CASE("keys are versioned with Azure key ids; rotation keeps old versions usable") {
  TempDir dir;
  auto v = Vault::create(dir / "kv", {"contoso", true, 90, true});
  REQUIRE(v.ok());
  auto k1 = v->create_key("cmk", 2048);
  REQUIRE(k1.ok());
  CHECK(std::regex_match(
      k1->kid, std::regex("https://contoso\\.vault\\.azure\\.net/keys/cmk/[0-9a-f]{32}")));
  CHECK(v->create_key("cmk", 2048).error().code == ErrorCode::AlreadyExists);
  CHECK(v->create_key("bad/name", 2048).error().code == ErrorCode::InvalidArgument);
  CHECK(v->create_key("small", 1024).error().code == ErrorCode::InvalidArgument);
  auto sealed = seal(*v, "cmk", Bytes(10, 1));
  REQUIRE(sealed.ok());
  auto k2 = v->rotate_key("cmk");
  REQUIRE(k2.ok());
  CHECK(k2->kid != k1->kid);
  auto info = v->get_key("cmk");
  REQUIRE(info.ok());
  CHECK(info->versions.size() == 2);
  CHECK(info->current().version == k2->version);
  CHECK(open(*v, *sealed).ok());  // rotation does not re-encrypt, and the old version still works
}

TEST_CASE("a disabled key still wraps but never unwraps; nbf, exp and key_ops are enforced") {
  TempDir dir;
  FakeClock clock;
  auto v = Vault::create(dir / "kv", {"contoso", true, 90, false}, clock.clock());
  REQUIRE(v.ok());
  auto k = v->create_key("cmk", 2048);
  REQUIRE(k.ok());
  auto sealed = seal(*v, "cmk", Bytes(10, 1));
  REQUIRE(sealed.ok());

  REQUIRE(v->update_key("cmk", "", KeyUpdate{false, {}, {}, {}}).ok());
  auto failed = open(*v, *sealed);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().code == ErrorCode::KeyDisabled);
  CHECK_THAT(failed.error().message, Catch::Contains(k->kid) && Catch::Contains("disabled"));
  CHECK(seal(*v, "cmk", Bytes(10, 1)).ok());  // wrapping is a public-key operation

  REQUIRE(v->update_key("cmk", k->version, KeyUpdate{true, {}, {}, {}}).ok());
  CHECK(open(*v, *sealed).ok());

  REQUIRE(v->update_key("cmk", "", KeyUpdate{{}, clock.now + 100, {}, {}}).ok());
  CHECK(open(*v, *sealed).error().code == ErrorCode::KeyNotYetValid);
  clock.now += 100;
  CHECK(open(*v, *sealed).ok());
  REQUIRE(v->update_key("cmk", "", KeyUpdate{{}, {}, clock.now + 10, {}}).ok());
  CHECK(open(*v, *sealed).ok());
  clock.now += 10;
  CHECK(open(*v, *sealed).error().code == ErrorCode::KeyExpired);
  REQUIRE(v->update_key(
               "cmk", "",
               KeyUpdate{{}, {}, std::optional<int64_t>{}, std::vector<std::string>{"wrapKey"}})
              .ok());
  CHECK(open(*v, *sealed).error().code == ErrorCode::OperationNotAllowed);
  REQUIRE(
      v->update_key("cmk", "", KeyUpdate{{}, {}, {}, std::vector<std::string>{"unwrapKey"}}).ok());
  CHECK(seal(*v, "cmk", Bytes(1)).error().code == ErrorCode::OperationNotAllowed);
}

TEST_CASE("delete, recover and purge follow soft delete and purge protection") {
  TempDir dir;
  FakeClock clock;
  SECTION("with purge protection a deleted key comes back and cannot be purged") {
    auto v = Vault::create(dir / "kv", {"contoso", true, 7, true}, clock.clock());
    REQUIRE(v.ok());
    auto k = v->create_key("cmk", 2048);
    REQUIRE(k.ok());
    auto sealed = seal(*v, "cmk", Bytes(10, 1));
    REQUIRE(sealed.ok());
    REQUIRE(v->delete_key("cmk").ok());
    CHECK(v->get_key("cmk").error().code == ErrorCode::KeyDeleted);
    auto failed = open(*v, *sealed);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == ErrorCode::KeyDeleted);
    CHECK_THAT(failed.error().message, Catch::Contains(k->kid) && Catch::Contains("soft-deleted"));
    CHECK(v->create_key("cmk", 2048).error().code == ErrorCode::AlreadyExists);
    auto deleted = v->list_keys(true);
    REQUIRE(deleted.ok());
    REQUIRE(deleted->size() == 1);
    CHECK(deleted->front().deleted->scheduled_purge == clock.now + 7 * 86400);
    CHECK(v->purge_key("cmk").error().code == ErrorCode::OperationNotAllowed);
    REQUIRE(v->recover_key("cmk").ok());
    CHECK(open(*v, *sealed).ok());
    SECTION("after the retention period the deleted key is purged for good") {
      REQUIRE(v->delete_key("cmk").ok());
      clock.now += 7 * 86400;
      auto reopened = Vault::open(dir / "kv", clock.clock());
      REQUIRE(reopened.ok());
      CHECK(reopened->list_keys(true)->empty());
      auto gone = open(*reopened, *sealed);
      CHECK(gone.error().code == ErrorCode::KeyNotFound);
      CHECK_THAT(gone.error().message, Catch::Contains("purged"));
    }
  }
  SECTION("without purge protection a deleted key can be purged") {
    auto v = Vault::create(dir / "kv", {"contoso", true, 90, false}, clock.clock());
    REQUIRE(v.ok());
    REQUIRE(v->create_key("cmk", 2048).ok());
    CHECK(v->purge_key("cmk").error().code == ErrorCode::OperationNotAllowed);  // not deleted yet
    REQUIRE(v->delete_key("cmk").ok());
    REQUIRE(v->purge_key("cmk").ok());
    CHECK(v->get_key("cmk").error().code == ErrorCode::KeyNotFound);
    CHECK(v->recover_key("cmk").error().code == ErrorCode::KeyNotFound);
  }
  SECTION("without soft delete, delete is final") {
    auto v = Vault::create(dir / "kv", {"contoso", false, 90, false}, clock.clock());
    REQUIRE(v.ok());
    REQUIRE(v->create_key("cmk", 2048).ok());
    REQUIRE(v->delete_key("cmk").ok());
    CHECK(v->list_keys(true)->empty());
    CHECK(v->recover_key("cmk").error().code == ErrorCode::KeyNotFound);
  }
}

TEST_CASE("every key operation lands in the append-only audit log, failures too") {
  TempDir dir;
  auto v = Vault::create(dir / "kv", {"contoso", true, 90, true});
  REQUIRE(v.ok());
  REQUIRE(v->create_key("cmk", 2048).ok());
  auto sealed = seal(*v, "cmk", Bytes(3, 3));
  REQUIRE(sealed.ok());
  REQUIRE(open(*v, *sealed).ok());
  REQUIRE(v->update_key("cmk", "", KeyUpdate{false, {}, {}, {}}).ok());
  CHECK_FALSE(open(*v, *sealed).ok());
  CHECK_FALSE(v->purge_key("cmk").ok());
  const auto lines = audit_lines(*v);
  std::vector<std::string> ops;
  for (const auto& line : lines) {
    auto parsed = cmk::json::parse(cmk::json::SourceText("audit.log", line));
    REQUIRE(parsed.root);
    ops.push_back(parsed.root->find("operation")->as_string() + ":" +
                  parsed.root->find("result")->as_string());
  }
  const std::vector<std::string> expected = {
      "createVault:success", "createKey:success",      "wrapKey:success",   "wrapKey:success",
      "unwrapKey:success",   "unwrapKey:success",      "updateKey:success", "unwrapKey:success",
      "unwrapKey:failure",   "purgeDeletedKey:failure"};
  CHECK(ops == expected);
}
