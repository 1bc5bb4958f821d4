// A live export read resource by resource reports what it reports when read whole.
#include "pipeline/streamed_export.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <sstream>

#include "pipeline/scan.hpp"
#include "rules/rule_loader.hpp"
#include "test_support.hpp"

using namespace cmk;
using namespace cmk::pipeline;

namespace {

const std::string kSub = "/subscriptions/3b7e9d21-5c4a-4f8e-b6d0-9a1c2e3f4d5b/resourceGroups/rg";

// An export like a tenant's: storage accounts, a vault with purge protection off and its key,
// an identity, a role assignment, and AI accounts whose CMK is in that vault (or nowhere).
std::vector<std::string> resources() {
  const std::string vault = kSub + "/providers/Microsoft.KeyVault/vaults/kv-ex";
  return {
      R"({"id": ")" + kSub + R"(/providers/Microsoft.Storage/storageAccounts/st1",
  "type": "Microsoft.Storage/storageAccounts", "name": "st1", "location": "westeurope",
  "properties": {"supportsHttpsTrafficOnly": false, "minimumTlsVersion": "TLS1_0"}})",
      R"({"id": ")" + vault + R"(", "type": "Microsoft.KeyVault/vaults", "name": "kv-ex",
  "location": "westeurope", "properties": {"tenantId": "t", "enableSoftDelete": true,
  "enablePurgeProtection": null, "vaultUri": "https://kv-ex.vault.azure.net/",
  "enableRbacAuthorization": true, "sku": {"family": "A", "name": "standard"}}})",
      R"({"id": ")" + vault + R"(/keys/k1", "type": "Microsoft.KeyVault/vaults/keys",
  "name": "k1", "properties": {"kty": "RSA", "keySize": 2048, "attributes": {"enabled": true}}})",
      R"({"id": ")" + kSub +
          R"(/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1",
  "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "name": "id1",
  "properties": {"principalId": "p1", "clientId": "c1", "tenantId": "t"}})",
      R"({"id": ")" + vault +
          R"(/providers/Microsoft.Authorization/roleAssignments/ra1",
  "type": "Microsoft.Authorization/roleAssignments", "name": "ra1",
  "properties": {"principalId": "p1", "scope": ")" +
          vault +
          R"(", "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6"}})",
      R"({"id": ")" + kSub + R"(/providers/Microsoft.CognitiveServices/accounts/ai1",
  "type": "Microsoft.CognitiveServices/accounts", "name": "ai1", "kind": "Face",
  "location": "westeurope", "identity": {"type": "UserAssigned", "userAssignedIdentities": {
  ")" + kSub +
          R"(/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1": {}}},
  "properties": {"encryption": {"keySource": "Microsoft.KeyVault", "keyVaultProperties": {
  "keyName": "k1", "keyVaultUri": "https://kv-ex.vault.azure.net/", "identityClientId": "c1"}}}})",
      R"({"id": ")" + kSub + R"(/providers/Microsoft.CognitiveServices/accounts/ai2",
  "type": "Microsoft.CognitiveServices/accounts", "name": "ai2", "kind": "Face",
  "properties": {"encryption": {"keySource": "Microsoft.CognitiveServices"}}})",
  };
}

std::string pretty_array() {
  std::string text = "// exported with az resource list\n[\n";
  const auto all = resources();
  for (size_t i = 0; i < all.size(); ++i) {
    if (i == 1) text += "  // cmkguard-ignore kv-purge-protection: tracked elsewhere\n";
    text += "  " + all[i] + (i + 1 < all.size() ? ",\n" : "\n");
  }
  return text + "]\n";
}

std::string one_line_data() {
  std::string text = R"({"totalRecords": 7, "count": 7, "data": [)";
  const auto all = resources();
  for (size_t i = 0; i < all.size(); ++i) {
    std::string r = all[i];
    for (char& c : r) {
      if (c == '\n') c = ' ';
    }
    text += (i ? ", " : "") + r;
  }
  return text + R"(], "facets": [], "resultTruncated": "false"})";
}

std::string describe(const ScanResult& r) {
  std::ostringstream out;
  out << r.stats.files << " " << r.stats.live_files << " " << r.stats.resources << "\n";
  for (const rules::Finding& f : r.findings) {
    out << f.rule->id << " " << f.file << ":" << f.line << ":" << f.column << " "
        << static_cast<int>(f.result) << " " << f.message << " " << f.resource_line << " "
        << (f.suppression ? f.suppression->defined_in : "-") << "\n";
    for (const rules::RelatedLocation& l : f.related) {
      out << "  " << l.file << ":" << l.line << ":" << l.column << " " << l.message << "\n";
    }
  }
  for (const Diagnostic& d : r.diagnostics) {
    out << d.file << ":" << d.line << ":" << d.column << " " << d.message << "|" << d.source_line
        << "\n";
  }
  for (const ResourceValues& v : r.values) {
    out << v.file << ":" << v.line << ":" << v.column << " " << v.type << " " << v.name << "\n";
  }
  return out.str();
}

ScanResult scan_with(const std::vector<rules::Rule>& rules, const std::vector<std::string>& paths,
                     std::uintmax_t stream_from, unsigned jobs, bool keep_values = true) {
  ScanOptions options;
  options.paths = paths;
  options.today = "2026-01-01";
  options.keep_values = keep_values;
  options.jobs = jobs;
  options.input.inputs.now = 1767225600;
  options.input.stream_from = stream_from;
  return scan(rules, options);
}

// An export of `storage` storage accounts with the resources above among them, spread over
// many of the batches threads take at once; `element(i, text)` may change the i-th element.
std::string long_export(
    size_t storage, const std::function<std::string(size_t, std::string)>& element =
                        [](size_t, std::string t) { return t; }) {
  const auto linked = resources();
  std::vector<std::string> all;
  for (size_t i = 0; i < storage; ++i) {
    std::string st = linked[0];
    const std::string n = "st" + std::to_string(i);
    st.replace(st.find("storageAccounts/st1"), 19, "storageAccounts/" + n);
    st.replace(st.find("\"st1\""), 5, "\"" + n + "\"");
    all.push_back(st);
    if (i % 50 == 7 && i / 50 + 1 < linked.size()) all.push_back(linked[i / 50 + 1]);
  }
  std::string text = "[\n";
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i] == linked[1])
      text += "  // cmkguard-ignore kv-purge-protection: tracked elsewhere\n";
    text += "  " + element(i, all[i]) + (i + 1 < all.size() ? ",\n" : "\n");
  }
  return text + "]\n";
}

}  // namespace

TEST_CASE("streamed export: the same findings, places, suppressions and values as read whole",
          "[threads]") {
  const rules::RuleLoadResult loaded = rules::builtin_rules();
  REQUIRE_FALSE(loaded.rules.empty());
  const auto pretty = test::write_temp("stream-pretty.json", pretty_array());
  const auto one_line = test::write_temp("stream-one-line.json", one_line_data());
  // An account whose vault, key, identity and grant are only in the other files: its findings
  // point into them through the estate's copies of their resources.
  std::string account = resources()[5];
  account.replace(account.find("accounts/ai1"), 12, "accounts/ai3");
  account.replace(account.find("\"ai1\""), 5, "\"ai3\"");
  const auto elsewhere = test::write_temp("stream-account.json", "[\n" + account + "\n]\n");
  const std::vector<std::string> paths = {pretty.string(), one_line.string(), elsewhere.string()};
  const ScanResult whole = scan_with(loaded.rules, paths, UINTMAX_MAX, 1);
  REQUIRE(whole.stats.live_files == 3);
  REQUIRE(whole.stats.resources == 15);
  REQUIRE_FALSE(whole.findings.empty());
  const std::string described = describe(whole);
  CHECK(described.find("stream-account.json") != std::string::npos);
  // ai3's vault finding cites the vault's place in another file.
  CHECK(described.find("ai-cmk-vault-recoverable " + elsewhere.string()) != std::string::npos);
  for (unsigned jobs : {1u, 3u}) {
    const ScanResult streamed = scan_with(loaded.rules, paths, 0, jobs);
    CHECK(describe(streamed) == describe(whole));
  }
}

TEST_CASE("streamed export: a syntax error is placed in the whole file") {
  std::string text = one_line_data();
  text.insert(text.find("\"k1\", \"properties\""), "!");
  const auto path = test::write_temp("stream-broken.json", text);
  const rules::RuleLoadResult loaded = rules::builtin_rules();
  const ScanResult whole = scan_with(loaded.rules, {path.string()}, UINTMAX_MAX, 1);
  const ScanResult streamed = scan_with(loaded.rules, {path.string()}, 0, 1);
  REQUIRE_FALSE(whole.diagnostics.empty());
  CHECK(streamed.diagnostics.front().line == whole.diagnostics.front().line);
  CHECK(streamed.diagnostics.front().column == whole.diagnostics.front().column);
  CHECK(streamed.diagnostics.front().message == whole.diagnostics.front().message);
  CHECK(streamed.findings.empty());
}

TEST_CASE("streamed export: what cannot be cut is read whole") {
  const rules::RuleLoadResult loaded = rules::builtin_rules();
  const auto single = test::write_temp("stream-single.json", resources()[1]);
  const auto truncated = test::write_temp("stream-truncated.json", "[" + resources()[1] + ",");
  for (const auto& path : {single, truncated}) {
    const ScanResult whole = scan_with(loaded.rules, {path.string()}, UINTMAX_MAX, 1);
    const ScanResult streamed = scan_with(loaded.rules, {path.string()}, 0, 1);
    CHECK(describe(streamed) == describe(whole));
  }
}

TEST_CASE("streamed export: any number of threads reads it as one does", "[threads]") {
  const rules::RuleLoadResult loaded = rules::builtin_rules();
  const auto path = test::write_temp("stream-long.json", long_export(400));
  for (bool keep_values : {true, false}) {
    const ScanResult whole = scan_with(loaded.rules, {path.string()}, UINTMAX_MAX, 1, keep_values);
    REQUIRE(whole.stats.resources == 406);
    REQUIRE_FALSE(whole.findings.empty());
    CHECK(whole.values.size() == (keep_values ? 406u : 0u));
    for (unsigned jobs : {1u, 2u, 3u}) {
      CHECK(describe(scan_with(loaded.rules, {path.string()}, 0, jobs, keep_values)) ==
            describe(whole));
    }
  }
}

TEST_CASE("streamed export: large resources read on threads as on one", "[threads]") {
  // Resources of 300 KB each: batches end by size, not by count.
  const rules::RuleLoadResult loaded = rules::builtin_rules();
  const std::string filler(300 * 1024, 'x');
  const auto path = test::write_temp(
      "stream-large.json", long_export(20, [&](size_t, std::string t) {
        return t.insert(t.find("\"properties\""), "\"tags\": {\"note\": \"" + filler + "\"}, "), t;
      }));
  const ScanResult whole = scan_with(loaded.rules, {path.string()}, UINTMAX_MAX, 1);
  REQUIRE(whole.stats.resources == 21);
  REQUIRE_FALSE(whole.findings.empty());
  for (unsigned jobs : {1u, 3u}) {
    CHECK(describe(scan_with(loaded.rules, {path.string()}, 0, jobs)) == describe(whole));
  }
}

TEST_CASE("streamed export: threads stop where one thread stops", "[threads]") {
  const rules::RuleLoadResult loaded = rules::builtin_rules();
  // Syntax errors, and an element that is not an exported resource, far into the list: the
  // resources after the first may already be read by other threads, but nothing of them is
  // reported (the second syntax error neither, as when the file is read whole).
  const auto broken =
      test::write_temp("stream-long-broken.json", long_export(400, [](size_t i, std::string t) {
                         return i == 300 || i == 350 ? t.insert(t.find("\"name\""), "!"), t : t;
                       }));
  const auto not_live = test::write_temp(
      "stream-long-not-live.json",
      long_export(400, [](size_t i, std::string t) { return i == 250 ? R"({"a": 1})" : t; }));
  const ScanResult broken_whole = scan_with(loaded.rules, {broken.string()}, UINTMAX_MAX, 1);
  REQUIRE_FALSE(broken_whole.diagnostics.empty());
  const ScanResult not_live_whole = scan_with(loaded.rules, {not_live.string()}, UINTMAX_MAX, 1);
  for (unsigned jobs : {1u, 2u, 3u}) {
    const ScanResult streamed = scan_with(loaded.rules, {broken.string()}, 0, jobs);
    CHECK(streamed.findings.empty());
    REQUIRE(streamed.diagnostics.size() == 1);
    CHECK(streamed.diagnostics.front().line == broken_whole.diagnostics.front().line);
    CHECK(streamed.diagnostics.front().column == broken_whole.diagnostics.front().column);
    CHECK(streamed.diagnostics.front().message == broken_whole.diagnostics.front().message);
    CHECK(describe(scan_with(loaded.rules, {not_live.string()}, 0, jobs)) ==
          describe(not_live_whole));
  }
}
