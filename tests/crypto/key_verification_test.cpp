#include "crypto/key_verification.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "crypto/atomic_file.hpp"
#include "temp_dir.hpp"
#include "vector_files.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;

namespace {
constexpr int64_t kNow = 1'800'000'000;

std::string account(const std::string& vault_uri, const std::string& name,
                    const std::string& version) {
  return R"({"resources": [{"type": "Microsoft.CognitiveServices/accounts", "name": "face",
    "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
      "keyVaultUri": ")" +
         vault_uri + R"(", "keyName": ")" + name + R"(", "keyVersion": ")" + version + R"("}}}}]})";
}

std::map<std::string, CheckResult> run(Vault& v, const std::string& text) {
  auto result = verify_template(cmk::json::SourceText("t.json", text), v, kNow);
  REQUIRE_FALSE(has_errors(result.diagnostics));
  std::map<std::string, CheckResult> out;
  for (const auto& f : result.findings) out[f.check] = f.result;
  return out;
}
}  // namespace

TEST_CASE("verify passes a usable key and fails each way Azure would reject it") {
  TempDir dir;
  auto v = Vault::create(dir / "kv", {"contoso", true, 90, true}, [] { return kNow; });
  REQUIRE(v.ok());
  auto k = v->create_key("cmk", 2048);
  REQUIRE(k.ok());
  const std::string uri = "https://contoso.vault.azure.net/";

  auto all = run(*v, account(uri, "cmk", ""));
  CHECK(all.size() == 7);
  for (const auto& [check, result] : all) {
    INFO(check);
    CHECK(result == CheckResult::Pass);
  }
  CHECK(run(*v, account(uri, "cmk", k->version))["verify-canary"] == CheckResult::Pass);

  SECTION("unknown version, other vault, missing key") {
    CHECK(run(*v, account(uri, "cmk", "0000"))["verify-key-found"] == CheckResult::Fail);
    CHECK(run(*v, account("https://other.vault.azure.net", "cmk", ""))["verify-key-found"] ==
          CheckResult::Fail);
    CHECK(run(*v, account(uri, "nope", ""))["verify-key-found"] == CheckResult::Fail);
  }
  SECTION("disabled key: also the canary cannot unwrap") {
    REQUIRE(v->update_key("cmk", "", KeyUpdate{false, {}, {}, {}}).ok());
    auto r = run(*v, account(uri, "cmk", ""));
    CHECK(r["verify-key-enabled"] == CheckResult::Fail);
    CHECK(r["verify-canary"] == CheckResult::Fail);
  }
  SECTION("expired key and missing key operations") {
    REQUIRE(
        v->update_key("cmk", "", KeyUpdate{{}, {}, kNow - 1, std::vector<std::string>{"wrapKey"}})
            .ok());
    auto r = run(*v, account(uri, "cmk", ""));
    CHECK(r["verify-key-validity"] == CheckResult::Fail);
    CHECK(r["verify-key-operations"] == CheckResult::Fail);
  }
  SECTION("soft-deleted key") {
    REQUIRE(v->delete_key("cmk").ok());
    auto result =
        verify_template(cmk::json::SourceText("t.json", account(uri, "cmk", "")), *v, kNow);
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].result == CheckResult::Fail);
    CHECK_THAT(result.findings[0].message, Catch::Contains("soft-deleted"));
  }
}

TEST_CASE("verify fails a vault without purge protection and reports expressions as unknown") {
  TempDir dir;
  auto v = Vault::create(dir / "kv", {"contoso", true, 90, false});
  REQUIRE(v.ok());
  REQUIRE(v->create_key("cmk", 3072).ok());
  auto r = run(*v, account("https://contoso.vault.azure.net", "cmk", ""));
  CHECK(r["verify-key-recoverable"] == CheckResult::Fail);
  CHECK(r["verify-canary"] == CheckResult::Pass);
  auto unknown = run(*v, account("[parameters('uri')]", "cmk", ""));
  CHECK(unknown.size() == 1);
  CHECK(unknown["verify-key-reference"] == CheckResult::Unknown);
  auto none = run(*v, R"({"resources": []})");
  CHECK(none["verify-key-reference"] == CheckResult::Fail);
}

TEST_CASE("verify over the corpus's Cognitive Services templates: no crash, expressions unknown") {
  const auto root = shared_file("corpus");
  if (!root) {
    WARN("corpus not found; skipped");
    return;
  }
  TempDir dir;
  auto v = Vault::create(dir / "kv", {"contoso", true, 90, true});
  REQUIRE(v.ok());
  size_t templates = 0, unknown = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(*root)) {
    if (entry.path().extension() != ".json") continue;
    auto text = read_text_file(entry.path().string());
    REQUIRE(text.ok());
    if (text->find("Microsoft.CognitiveServices/accounts") == std::string::npos) continue;
    ++templates;
    auto result = verify_template(cmk::json::SourceText(entry.path().string(), *text), *v, kNow);
    for (const auto& f : result.findings) {
      CHECK(f.result != CheckResult::Pass);  // no template in the corpus configures a literal CMK
      unknown += f.result == CheckResult::Unknown;
      CHECK(f.message.size() < 400);
    }
  }
  CHECK(templates > 20);
  CHECK(unknown > 10);  // Bicep-compiled modules set encryption through expressions
}
