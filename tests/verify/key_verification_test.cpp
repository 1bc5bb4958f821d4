#include "verify/key_verification.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "arm/input_file.hpp"
#include "crypto/atomic_file.hpp"
#include "crypto/file_helpers.hpp"
#include "crypto/vector_files.hpp"

using namespace cmk::crypto;
using namespace cmk::verify;
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

TemplateVerification verify(Vault& v, const std::string& text) {
  auto loaded = cmk::arm::load_text("t.json", text);
  REQUIRE(loaded.file);
  loaded.file->kind = cmk::arm::FileKind::Template;  // the snippets have no $schema
  return verify_template(*loaded.file, cmk::arm::build_model(*loaded.file), v, kNow);
}

std::map<std::string, CheckResult> run(Vault& v, const std::string& text) {
  auto result = verify(v, text);
  REQUIRE_FALSE(cmk::has_errors(result.diagnostics));
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
  CHECK(all.size() == 8);
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
    auto result = verify(*v, account(uri, "cmk", ""));
    REQUIRE(result.findings.size() == 2);  // the reference, then the failed lookup
    CHECK(result.findings[1].check == "verify-key-found");
    CHECK(result.findings[1].result == CheckResult::Fail);
    CHECK_THAT(result.findings[1].message, Catch::Contains("soft-deleted"));
  }
}

TEST_CASE("verify fails a vault without purge protection, accepts RSA 3072, and reports unknowns") {
  TempDir dir;
  auto v = Vault::create(dir / "kv", {"contoso", true, 90, false});
  REQUIRE(v.ok());
  REQUIRE(v->create_key("cmk", 3072).ok());
  auto r = run(*v, account("https://contoso.vault.azure.net", "cmk", ""));
  CHECK(r["verify-key-recoverable"] == CheckResult::Fail);
  CHECK(r["verify-key-type"] == CheckResult::Pass);  // RSA 2048, 3072 and 4096 all serve
  CHECK(r["verify-canary"] == CheckResult::Pass);
  const std::string with_parameter =
      R"({"parameters": {"uri": {"type": "string"}}, "resources": [{"type":
    "Microsoft.CognitiveServices/accounts", "name": "face", "properties": {"encryption": {
      "keySource": "Microsoft.KeyVault", "keyVaultProperties": {
        "keyVaultUri": "[parameters('uri')]", "keyName": "cmk"}}}}]})";
  auto unknown = verify(*v, with_parameter);
  REQUIRE(unknown.findings.size() == 1);
  CHECK(unknown.findings[0].check == "verify-key-reference");
  CHECK(unknown.findings[0].result == CheckResult::Unknown);
  CHECK(unknown.findings[0].unknown_reason == "parameter 'uri' has no value");
  CHECK(unknown.findings[0].unknown_expression == "parameters('uri')");
  CHECK(unknown.findings[0].path == "properties.encryption.keyVaultProperties.keyVaultUri");
  CHECK_THAT(unknown.findings[0].message, Catch::Contains("not known before deployment"));
  REQUIRE(unknown.findings[0].reference == 0u);
  auto none = verify(*v, R"({"resources": []})");
  REQUIRE(none.findings.size() == 1);
  CHECK(none.findings[0].result == CheckResult::Fail);
  CHECK_FALSE(none.findings[0].reference);
}

TEST_CASE("verify over the corpus's Cognitive Services templates: no crash, evaluated") {
  const auto root = shared_file("corpus");
  if (!root) return;
  TempDir dir;
  auto v = Vault::create(dir / "kv", {"contoso", true, 90, true});
  REQUIRE(v.ok());
  size_t templates = 0, accounts = 0, resolved = 0, unknown = 0, missing = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(*root)) {
    if (entry.path().extension() != ".json") continue;
    auto text = read_text_file(entry.path().string());
    REQUIRE(text.ok());
    if (text->find("Microsoft.CognitiveServices/accounts") == std::string::npos) continue;
    auto loaded = cmk::arm::load_text(entry.path().string(), std::move(*text));
    if (!loaded.file || loaded.file->kind != cmk::arm::FileKind::Template) continue;
    ++templates;
    auto result = verify_template(*loaded.file, cmk::arm::build_model(*loaded.file), *v, kNow);
    for (const auto& ref : result.references) {
      ++accounts;
      resolved += ref.state == TemplateKeyReference::State::Resolved;
      unknown += ref.state == TemplateKeyReference::State::Unknown;
      missing += ref.state == TemplateKeyReference::State::Missing;
    }
    for (const auto& f : result.findings) {
      INFO(entry.path().string() << ": " << f.message);
      CHECK(f.message.size() < 400);
      if (f.result == CheckResult::Unknown) CHECK_FALSE(f.unknown_reason.empty());
      // No corpus key lives in this key store: nothing past the reference can pass.
      if (f.check != "verify-key-reference") CHECK(f.result == CheckResult::Fail);
    }
  }
  CHECK(templates > 20);
  CHECK(accounts == resolved + unknown + missing);
  CHECK(missing > 20);  // most corpus accounts use Microsoft-managed keys
  WARN("corpus: " << templates << " templates, " << accounts << " accounts: " << resolved
                  << " resolved, " << unknown << " unknown, " << missing << " without CMK");
}
