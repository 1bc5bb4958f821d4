#include "arm/expr/hashing.hpp"

#include <catch2/catch.hpp>

using namespace cmk::arm::expr;

TEST_CASE("uniqueString matches Azure's outputs") {
  // Known Azure results: uniqueString('tyeth') from a Stack Overflow answer that ran Azure's own
  // assembly; uniqueString('hello', 'world') with its 64-bit hash from JasonWhall's
  // go-azure-uniquestring write-up.
  CHECK(unique_string({"tyeth"}) == "zcztcwvu6iyg6");
  CHECK(unique_string({"hello", "world"}) == "a7wkljktk6wne");
  CHECK(murmur_hash64("hello-world") == 571013382255652050ULL);
  CHECK(murmur_hash64("tyeth") == 14461957094069383279ULL);
}

TEST_CASE("uniqueString covers every tail length and a long input") {
  // Every length 0..9 takes a different tail branch of the hash; values cross-checked with an
  // independent Python transcription of the same algorithm.
  CHECK(unique_string({""}) == "aaaaaaaaaaaaa");
  CHECK(unique_string({"a"}) == "eveiun73364hy");
  CHECK(unique_string({"abcdefgh"}) == "q7ncvd5x2rx4e");
  CHECK(unique_string({"abcdefghi"}) == "zignisl6otg3u");
  CHECK(unique_string({"test"}) == "rbgf3xv4ufgzg");
  CHECK(unique_string({"test", "test2"}) == "pivml2tg5alca");
  CHECK(unique_string({"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                       "examplegroup"}) == "5lm2jyqjb5okc");
  CHECK(unique_string({"x"}).size() == 13);
}

TEST_CASE("guid is a version 5 UUID in Azure's namespace") {
  // RFC 4122 v5 of the arguments joined with '-' under 11fb06fb-712d-4ddd-98c7-e71bbd588830,
  // the construction public reproductions of guid() use (e.g. Terraform's uuidv5 with that
  // namespace to match Bicep role-assignment names); values from Python's uuid.uuid5.
  CHECK(arm_guid({"hello", "world"}) == "a5b868f8-11fe-567a-ace0-e77cc87f104e");
  CHECK(arm_guid({"a"}) == "3703365d-5a9f-59b4-bca7-b9681389e4c1");
  CHECK(arm_guid({"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg",
                  "Contributor"}) == "cb9e267d-2482-5be7-b275-663625020868");
}

TEST_CASE("base64 round-trips") {
  CHECK(base64_encode("one, two, three") == "b25lLCB0d28sIHRocmVl");
  CHECK(base64_encode("") == "");
  CHECK(base64_decode("SGVsbG8=") == std::optional<std::string>("Hello"));
  CHECK(base64_decode("SGk=") == std::optional<std::string>("Hi"));
  CHECK_FALSE(base64_decode("abc"));
}
