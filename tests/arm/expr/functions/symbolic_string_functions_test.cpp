// String and array functions over composite symbolic values: what the literal pieces decide is
// concrete, the rest stays symbolic or unknown.

#include <catch2/catch.hpp>
#include <cstring>

#include "../test_support.hpp"

using namespace cmk;
using namespace cmk::arm::expr::testing;

namespace {

// The symbolic name of a value, or its JSON when it is not symbolic.
std::string sym(const json::Value& v) {
  return v.is_symbolic() ? v.symbolic_info().name : "not symbolic: " + js(v);
}

const char* const kIdentity =
    "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-app')]";

}  // namespace

TEST_CASE("split of a resource ID with a symbolic subscription gives its segments") {
  Harness h;
  // The role definition GUID at the end of a (symbolic) role definition ID is literal.
  CHECK(js(h.value("[last(split(subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
                   "'e147488a-f6f5-4113-8e2d-b22465e65bf6'), '/'))]")) ==
        R"("e147488a-f6f5-4113-8e2d-b22465e65bf6")");
  CHECK(js(h.value("[last(split(resourceId('Microsoft.Authorization/roleDefinitions', "
                   "'e147488a-f6f5-4113-8e2d-b22465e65bf6'), '/'))]")) ==
        R"("e147488a-f6f5-4113-8e2d-b22465e65bf6")");
  std::string id = std::string(kIdentity).substr(1, std::strlen(kIdentity) - 2);
  CHECK(js(h.value("[split(" + id + ", '/')[8]]")) == R"("id-app")");
  CHECK(js(h.value("[split(" + id + ", '/')[7]]")) == R"("userAssignedIdentities")");
  CHECK(sym(h.value("[split(" + id + ", '/')[2]]")) == "subscription().subscriptionId");
  CHECK(sym(h.value("[split(" + id + ", '/')[4]]")) == "resourceGroup().name");
  CHECK(js(h.value("[length(split(" + id + ", '/'))]")) == "9");
  CHECK(js(h.value("[first(split(" + id + ", '/'))]")) == R"("")");
  CHECK(js(h.value("[take(skip(split(" + id + ", '/'), 5), 2)]")) ==
        R"(["providers","Microsoft.ManagedIdentity"])");
  // Joined back, the segments are the same ID.
  CHECK(js(h.value("[equals(join(split(" + id + ", '/'), '/'), " + id + ")]")) == "true");
  // A vault whose name is itself symbolic: the last segment is that name, still symbolic.
  CHECK(sym(h.value("[last(split(resourceId('Microsoft.KeyVault/vaults', concat('kv-', "
                    "uniqueString(resourceGroup().id))), '/'))]")) ==
        "concat('kv-', uniqueString(concat('/subscriptions/', subscription().subscriptionId, "
        "'/resourceGroups/', resourceGroup().name)))");
  // A segment holding a symbolic piece and text is a composite of that segment's pieces.
  CHECK(sym(h.value("[split(concat('a/b-', resourceGroup().name, '-c/d'), '/')[1]]")) ==
        "concat('b-', resourceGroup().name, '-c')");
  // Several delimiters, in ARM's order.
  CHECK(js(h.value("[split(concat('a.b/', subscription().subscriptionId), createArray('/', "
                   "'.'))]")) == R"(["a","b","<subscription().subscriptionId>"])");
  // A resource group name may hold '.', so it cannot be split on '.'.
  CHECK(
      h.value("[split(concat('a.b/', resourceGroup().name), createArray('/', '.'))]").is_unknown());
}

TEST_CASE("split stays unknown when a symbolic piece could hold the delimiter") {
  Harness h;
  // A resource group name may hold '-', a user principal name '@', a display name anything.
  json::Value v = h.value("[split(concat('rg-', resourceGroup().name), '-')]");
  REQUIRE(v.is_unknown());
  CHECK(v.unknown_info().reason ==
        "depends on deployment-context value concat('rg-', resourceGroup().name)");
  CHECK(h.value("[split(concat(subscription().displayName, '/x'), '/')]").is_unknown());
  CHECK(h.value("[split(utcNow('d'), '/')]").is_unknown());
  // A delimiter of two characters could span a symbolic piece that may be empty; one character
  // cannot.
  CHECK(
      h.value("[split(concat('a-', skip(resourceGroup().location, 2), '-b'), '--')]").is_unknown());
  CHECK(js(h.value("[split(concat('a-', skip(resourceGroup().location, 2), '-b'), '-')]")) ==
        R"(["a","<skip(resourceGroup().location, 2)>","b"])");
  // Splitting where no delimiter occurs gives the value itself.
  CHECK(sym(h.value("[split(subscription().subscriptionId, '/')[0]]")) ==
        "subscription().subscriptionId");
}

TEST_CASE("length, first, last, substring, skip and take of composites") {
  Harness h;
  // uniqueString() has 13 characters, a subscription ID 36.
  CHECK(js(h.value("[length(concat('st', uniqueString(resourceGroup().id)))]")) == "15");
  CHECK(js(h.value("[length(subscription().id)]")) == "51");
  CHECK(h.value("[length(resourceGroup().id)]").is_unknown());
  CHECK(js(h.value("[first(resourceGroup().id)]")) == R"("/")");
  CHECK(js(h.value("[last(concat(resourceGroup().name, '-kv'))]")) == R"("v")");
  CHECK(sym(h.value("[last(concat('kv-', uniqueString(resourceGroup().id)))]")) ==
        "substring(uniqueString(concat('/subscriptions/', subscription().subscriptionId, "
        "'/resourceGroups/', resourceGroup().name)), 12, 1)");
  CHECK(js(h.value("[substring(resourceGroup().id, 1, 13)]")) == R"("subscriptions")");
  CHECK(sym(h.value("[substring(subscription().id, 15)]")) == "subscription().subscriptionId");
  CHECK(sym(h.value("[substring(concat('kv-', uniqueString('a', resourceGroup().name)), 0, 9)]")) ==
        "concat('kv-', take(uniqueString('a', resourceGroup().name), 6))");
  // take(x, 6) and substring(x, 0, 6) are one value.
  CHECK(js(h.value("[equals(take(uniqueString(resourceGroup().name), 6), "
                   "substring(uniqueString(resourceGroup().name), 0, 6))]")) == "true");
  // Taking more than there is gives it all; a storage name cut to 24 is unchanged at 15.
  CHECK(sym(h.value("[take(concat('st', uniqueString(resourceGroup().name)), 24)]")) ==
        "concat('st', uniqueString(resourceGroup().name))");
  CHECK(js(h.value("[skip(concat('st', uniqueString(resourceGroup().name)), 15)]")) == R"("")");
  CHECK(sym(h.value("[skip(resourceGroup().id, 15)]")) ==
        "concat(subscription().subscriptionId, '/resourceGroups/', resourceGroup().name)");
  CHECK(sym(h.value("[take(resourceGroup().name, 5)]")) == "take(resourceGroup().name, 5)");
  CHECK(h.error("[substring(concat('ab', uniqueString('x', resourceGroup().name)), 10, 10)]") ==
        "the index and length parameters must refer to a location within the string: index 10, "
        "length 10, string length 15");
  CHECK(js(h.value("[empty(resourceGroup().id)]")) == "false");
  CHECK(js(h.value("[empty(resourceGroup().name)]")) == "false");
  CHECK(h.value("[empty(subscription().displayName)]").is_unknown());
}

TEST_CASE("indexOf, startsWith, endsWith and contains decided by literal pieces") {
  Harness h;
  CHECK(js(h.value("[indexOf(resourceGroup().id, 'SUBSCRIPTIONS')]")) == "1");
  CHECK(js(h.value("[indexOf(subscription().id, '/')]")) == "0");
  // After a 36-character subscription ID; '/' cannot be inside it.
  CHECK(js(h.value("[lastIndexOf(subscription().id, '/')]")) == "14");
  CHECK(js(h.value("[indexOf(concat(subscription().subscriptionId, '/x'), '/')]")) == "36");
  CHECK(js(h.value("[indexOf(concat(uniqueString(resourceGroup().name), 'x'), '/')]")) == "-1");
  // The last '/' of a resource group ID is the one before its name: 15 + 36 + 15.
  CHECK(js(h.value("[lastIndexOf(resourceGroup().id, '/')]")) == "66");
  // A resource group name's length is unknown, so an offset after it is too.
  CHECK(h.value("[lastIndexOf(concat(resourceGroup().name, '/x'), '/')]").is_unknown());
  CHECK(h.value("[indexOf(resourceGroup().name, 'a')]").is_unknown());
  CHECK(js(h.value("[startsWith(resourceGroup().id, '/Subscriptions/')]")) == "true");
  CHECK(js(h.value("[startsWith(resourceGroup().id, '/providers/')]")) == "false");
  CHECK(js(h.value("[endsWith(resourceId('Microsoft.KeyVault/vaults', 'kv'), '/VAULTS/KV')]")) ==
        "true");
  CHECK(js(h.value("[endsWith(resourceId('Microsoft.KeyVault/vaults', 'kv'), 'x')]")) == "false");
  // A GUID cannot start with '/' and the text must go on after 'a'.
  CHECK(js(h.value("[startsWith(concat('a', subscription().subscriptionId), 'a/')]")) == "false");
  CHECK(h.value("[startsWith(concat('a', resourceGroup().name), 'ab')]").is_unknown());
  CHECK(js(h.value("[contains(resourceGroup().id, 'resourceGroups')]")) == "true");
  CHECK(js(h.value("[contains(resourceGroup().location, ' ')]")) == "false");
  CHECK(js(h.value("[contains(toLower(resourceGroup().location), ' ')]")) == "false");
  CHECK(js(h.value("[contains(uniqueString(resourceGroup().id), '-')]")) == "false");
  CHECK(h.value("[contains(resourceGroup().name, '-')]").is_unknown());
}

TEST_CASE("toLower and toUpper of composites keep symbolic pieces symbolic") {
  Harness h;
  CHECK(sym(h.value("[toLower(resourceGroup().id)]")) ==
        "concat('/subscriptions/', toLower(subscription().subscriptionId), '/resourcegroups/', "
        "toLower(resourceGroup().name))");
  // uniqueString() and guid() are lower case already; a resource group's location too.
  CHECK(sym(h.value("[toLower(concat('KV-', uniqueString(resourceGroup().name)))]")) ==
        "concat('kv-', uniqueString(resourceGroup().name))");
  CHECK(sym(h.value("[toLower(resourceGroup().location)]")) == "resourceGroup().location");
  CHECK(sym(h.value("[toLower(toLower(resourceGroup().name))]")) ==
        "toLower(resourceGroup().name)");
  CHECK(sym(h.value("[toUpper(concat('kv-', uniqueString(resourceGroup().name)))]")) ==
        "concat('KV-', toUpper(uniqueString(resourceGroup().name)))");
  CHECK(js(h.value("[equals(toLower(concat('KV-', uniqueString(resourceGroup().name))), "
                   "concat('kv-', uniqueString(resourceGroup().name)))]")) == "true");
}

TEST_CASE("a composite is unequal to a string its literal pieces rule out") {
  Harness h;
  CHECK(js(h.value("[equals(resourceId('Microsoft.Network/virtualNetworks', 'vnet'), '')]")) ==
        "false");
  CHECK(js(h.value("[equals(resourceGroup().id, '/providers/x')]")) == "false");
  CHECK(js(h.value("[equals(concat('kv-', uniqueString(resourceGroup().name)), 'kv-abc')]")) ==
        "false");
  CHECK(js(h.value(
            "[equals(concat('a', resourceGroup().name), concat('b', resourceGroup().name))]")) ==
        "false");
  CHECK(h.value("[equals(concat('kv-', resourceGroup().name), 'kv-prod')]").is_unknown());
  CHECK(h.value("[equals(resourceGroup().location, 'westus')]").is_unknown());
  CHECK(js(h.value("[contains(createArray('', 'x'), resourceGroup().id)]")) == "false");
}

TEST_CASE("replace and trim of composites work on the literal pieces") {
  Harness h;
  // Verified Modules' naming: toLower(trim(replace(replace(concat(...), ' ', ''), '-', ''))).
  CHECK(sym(h.value("[toLower(trim(replace(replace(concat('St - ', take(uniqueString("
                    "resourceGroup().name), 5), ' '), ' ', ''), '-', '')))]")) ==
        "concat('st', take(uniqueString(resourceGroup().name), 5))");
  CHECK(js(h.value("[length(replace(concat('st-', uniqueString(resourceGroup().name)), '-', "
                   "''))]")) == "15");
  // The replacement may be symbolic.
  CHECK(sym(h.value("[replace('a-b', '-', resourceGroup().location)]")) ==
        "concat('a', resourceGroup().location, 'b')");
  // A resource group name may hold '-': replacing it stays a call.
  CHECK(sym(h.value("[replace(concat('rg-', resourceGroup().name), '-', '')]")) ==
        "replace(concat('rg-', resourceGroup().name), '-', '')");
  CHECK(sym(h.value("[trim(concat('  kv', uniqueString(resourceGroup().name), ' '))]")) ==
        "concat('kv', uniqueString(resourceGroup().name))");
  CHECK(sym(h.value("[trim(concat(' ', uniqueString(resourceGroup().name)))]")) ==
        "uniqueString(resourceGroup().name)");
  // A display name may begin with a space.
  CHECK(sym(h.value("[trim(concat(subscription().displayName, 'x'))]")) ==
        "trim(concat(subscription().displayName, 'x'))");
}

TEST_CASE("json() of a composite whose symbolic pieces are inside JSON strings") {
  Harness h;
  json::Value v = h.value(
      "[json(format('{{\"id\": \"{0}\", \"n\": 1}}', resourceId('Microsoft.Network/"
      "virtualNetworks/subnets', 'vnet', 'fw')))]");
  REQUIRE(v.is_object());
  CHECK(v.find("n")->as_int() == 1);
  CHECK(sym(*v.find("id")) ==
        "concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/', "
        "resourceGroup().name, '/providers/Microsoft.Network/virtualNetworks/vnet/subnets/fw')");
  CHECK(js(h.value("[json(concat('[\"a-', uniqueString(resourceGroup().name), '\", 2]'))[1]]")) ==
        "2");
  // Outside a string, or where it could hold a quote, a symbolic piece makes json() unknown.
  CHECK(
      h.value("[json(concat('{\"a\": ', uniqueString(resourceGroup().name), '}'))]").is_unknown());
  CHECK(h.value("[json(concat('{\"a\": \"', subscription().displayName, '\"}'))]").is_unknown());
  CHECK(
      h.value("[json(concat('{\"', uniqueString(resourceGroup().name), '\": 1}'))]").is_unknown());
}
