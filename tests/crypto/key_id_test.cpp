#include "crypto/key_id.hpp"

#include <catch2/catch.hpp>

using namespace cmk::crypto;

TEST_CASE("Key Vault key ids parse in Azure's form") {
  auto id = parse_key_id("https://Contoso-KV.vault.azure.net/keys/cmk-1/0123abcd");
  REQUIRE(id);
  CHECK(id->vault == "contoso-kv");
  CHECK(id->name == "cmk-1");
  CHECK(id->version == "0123abcd");
  auto unversioned = parse_key_id("https://contoso.vault.azure.net/keys/cmk/");
  REQUIRE(unversioned);
  CHECK(unversioned->version.empty());
  CHECK(parse_key_id("https://contoso.vault.usgovcloudapi.net/keys/cmk/1"));
  CHECK_FALSE(parse_key_id("http://contoso.vault.azure.net/keys/cmk/1"));
  CHECK_FALSE(parse_key_id("https://contoso.example.com/keys/cmk/1"));
  CHECK_FALSE(parse_key_id("https://contoso.vault.azure.net/secrets/cmk/1"));
  CHECK_FALSE(parse_key_id("https://contoso.vault.azure.net/keys/../1"));
  CHECK_FALSE(parse_key_id("https://contoso.vault.azure.net/keys/cmk/1/2"));
  CHECK(key_id("contoso", "cmk", "v1") == "https://contoso.vault.azure.net/keys/cmk/v1");
}

TEST_CASE("vault URIs and names follow Azure's rules") {
  CHECK(vault_name_from_uri("https://contoso.vault.azure.net/") == "contoso");
  CHECK(vault_name_from_uri("https://CONTOSO.vault.azure.net") == "contoso");
  CHECK_FALSE(vault_name_from_uri("https://contoso.vault.azure.net/keys/x"));
  CHECK(valid_vault_name("abc"));
  CHECK_FALSE(valid_vault_name("ab"));
  CHECK_FALSE(valid_vault_name("1abc"));
  CHECK_FALSE(valid_vault_name("ab--c"));
  CHECK_FALSE(valid_vault_name("abc-"));
  CHECK_FALSE(valid_key_name(""));
  CHECK_FALSE(valid_key_name("a/b"));
  CHECK_FALSE(valid_key_name("a.b"));
  CHECK(valid_key_name("Key-1"));
}
