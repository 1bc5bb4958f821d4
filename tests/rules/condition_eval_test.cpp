#include "rules/condition_eval.hpp"

#include <catch2/catch.hpp>

#include "arm/template_model.hpp"
#include "json/reader.hpp"
#include "rules/rule_loader.hpp"

using namespace cmk;
using namespace cmk::rules;

namespace {

// A rule whose assertion is `yaml_assert`, loaded exactly as shipped rules are.
Rule rule_with(const std::string& yaml_assert) {
  const std::string text =
      "id: t\ntitle: T\nseverity: high\nresource: X/y\nmessage: m\nassert:\n" + yaml_assert;
  RuleLoadResult r = load_rule_text("t.yaml", text);
  INFO((r.diagnostics.empty() ? "" : r.diagnostics[0].message));
  REQUIRE(r.rules.size() == 1);
  return std::move(r.rules[0]);
}

json::Value resource(const std::string& json_text) {
  json::ParseResult p = json::parse(json::SourceText("r.json", json_text));
  REQUIRE(p.root);
  return arm::mark_expressions_unknown(*p.root);
}

Truth truth(const std::string& yaml_assert, const std::string& json_text,
            const std::string& api = "2023-07-01") {
  const Rule rule = rule_with(yaml_assert);
  return evaluate(*rule.assertion, resource(json_text), api).truth;
}

}  // namespace

TEST_CASE("equals, absent values and Azure defaults") {
  const std::string purge = "  path: properties.enablePurgeProtection\n  equals: true\n";
  CHECK(truth(purge, R"({"properties": {"enablePurgeProtection": true}})") == Truth::True);
  CHECK(truth(purge, R"({"properties": {"enablePurgeProtection": false}})") == Truth::False);
  CHECK(truth(purge, R"({"properties": {}})") == Truth::False);
  CHECK(truth(purge, R"({"properties": {"enablePurgeProtection": "[parameters('p')]"}})") ==
        Truth::Unknown);
  // Property names match case-insensitively, as ARM's do.
  CHECK(truth(purge, R"({"Properties": {"EnablePurgeProtection": true}})") == Truth::True);

  const std::string soft = "  path: properties.enableSoftDelete\n  notEquals: false\n";
  CHECK(truth(soft, R"({"properties": {}})") == Truth::True);  // absent holds for notEquals
  CHECK(truth(soft, R"({"properties": {"enableSoftDelete": false}})") == Truth::False);

  const std::string with_default =
      "  path: properties.enableSoftDelete\n  equals: true\n  default: true\n";
  CHECK(truth(with_default, R"({"properties": {}})") == Truth::True);
}

TEST_CASE("defaults that depend on the apiVersion") {
  const std::string rbac =
      "  path: properties.enableRbacAuthorization\n  equals: true\n"
      "  defaultByApiVersion:\n    - from: '2026-02-01'\n      value: true\n    - value: false\n";
  CHECK(truth(rbac, "{}", "2026-02-01") == Truth::True);
  CHECK(truth(rbac, "{}", "2026-03-01-preview") == Truth::True);
  CHECK(truth(rbac, "{}", "2025-05-01") == Truth::False);
  CHECK(truth(rbac, R"({"properties": {"enableRbacAuthorization": false}})", "2026-02-01") ==
        Truth::False);
}

TEST_CASE("operators") {
  CHECK(truth("  path: sku.name\n  equals: e0\n  ignoreCase: true\n", R"({"sku":{"name":"E0"}})") ==
        Truth::True);
  CHECK(truth("  path: sku.name\n  equals: e0\n", R"({"sku":{"name":"E0"}})") == Truth::False);
  CHECK(truth("  path: kind\n  in: [Face, OpenAI]\n", R"({"kind":"Face"})") == Truth::True);
  CHECK(truth("  path: kind\n  notIn: [Face]\n", R"({"kind":"face"})") == Truth::True);
  CHECK(truth("  path: a\n  greaterOrEquals: 7\n", R"({"a": 7})") == Truth::True);
  CHECK(truth("  path: a\n  less: 7\n", R"({"a": 7})") == Truth::False);
  CHECK(truth("  path: a\n  less: 7\n", R"({"a": "six"})") == Truth::False);  // not a number
  CHECK(truth("  path: u\n  startsWith: 'https://'\n", R"({"u":"https://x"})") == Truth::True);
  CHECK(truth("  path: u\n  endsWith: '.net/'\n", R"({"u":"https://x.net/"})") == Truth::True);
  CHECK(truth("  path: b\n  contains: azureservices\n  ignoreCase: true\n",
              R"({"b":"Logging, AzureServices"})") == Truth::True);
  CHECK(truth("  path: b\n  contains: x\n", R"({"b":["y","x"]})") == Truth::True);
  CHECK(truth("  path: k\n  matches: '[0-9a-f]{32}'\n",
              R"({"k":"0123456789abcdef0123456789abcdef"})") == Truth::True);
  // RE2 matches the whole value, not a substring.
  CHECK(truth("  path: k\n  matches: '[0-9a-f]{32}'\n",
              R"({"k":"x0123456789abcdef0123456789abcdef"})") == Truth::False);
  CHECK(truth("  path: x\n  exists: true\n", R"({"x": null})") == Truth::True);
  CHECK(truth("  path: x\n  exists: false\n", R"({})") == Truth::True);
  CHECK(truth("  path: x\n  exists: true\n", R"({"x": "[parameters('a')]"})") == Truth::True);
}

TEST_CASE("wildcards and operand paths") {
  const std::string all_https = "  path: items[*].u\n  startsWith: 'https://'\n";
  CHECK(truth(all_https, R"({"items":[{"u":"https://a"},{"u":"https://b"}]})") == Truth::True);
  CHECK(truth(all_https, R"({"items":[{"u":"https://a"},{"u":"http://b"}]})") == Truth::False);
  CHECK(truth(all_https + "  match: any\n", R"({"items":[{"u":"https://a"},{"u":"http://b"}]})") ==
        Truth::True);
  CHECK(truth("  path: items[1].u\n  equals: b\n", R"({"items":[{"u":"a"},{"u":"b"}]})") ==
        Truth::True);

  const std::string client =
      "  path: properties.id\n  in: {path: identity.userAssignedIdentities.*.clientId}\n";
  CHECK(truth(client, R"({"properties":{"id":"c2"},"identity":{"userAssignedIdentities":
        {"/subs/x/a":{"clientId":"c1"},"/subs/x/b":{"clientId":"c2"}}}})") == Truth::True);
  CHECK(truth(client, R"({"properties":{"id":"c3"},"identity":{"userAssignedIdentities":
        {"/subs/x/a":{"clientId":"c1"}}}})") == Truth::False);
  // Template identities carry no clientId: nothing to compare with, so it cannot be known.
  CHECK(truth(client, R"({"properties":{"id":"c3"},"identity":{"userAssignedIdentities":
        {"[resourceId('x')]":{}}}})") == Truth::Unknown);
}

TEST_CASE("three-valued allOf, anyOf and not") {
  const std::string all = "  allOf:\n    - {path: a, equals: 1}\n    - {path: b, equals: 1}\n";
  const std::string any = "  anyOf:\n    - {path: a, equals: 1}\n    - {path: b, equals: 1}\n";
  const std::string unk = R"("[parameters('x')]")";
  CHECK(truth(all, R"({"a":1,"b":1})") == Truth::True);
  CHECK(truth(all, R"({"a":0,"b":)" + unk + "}") == Truth::False);
  CHECK(truth(all, R"({"a":1,"b":)" + unk + "}") == Truth::Unknown);
  CHECK(truth(any, R"({"a":1,"b":)" + unk + "}") == Truth::True);
  CHECK(truth(any, R"({"a":0,"b":)" + unk + "}") == Truth::Unknown);
  CHECK(truth(any, R"({"a":0,"b":0})") == Truth::False);
  CHECK(truth("  not: {path: a, equals: 1}\n", R"({"a":1})") == Truth::False);
  CHECK(truth("  not: {path: a, equals: 1}\n", R"({"a":)" + unk + "}") == Truth::Unknown);
}

TEST_CASE("a verdict names the deciding property and its place") {
  const Rule rule = rule_with("  path: properties.enablePurgeProtection\n  equals: true\n");
  json::SourceText src("r.json",
                       "{\n  \"properties\": {\n    \"enablePurgeProtection\": false\n  }\n}");
  json::ParseResult p = json::parse(src);
  const Verdict v = evaluate(*rule.assertion, *p.root, "2023-07-01");
  CHECK(v.truth == Truth::False);
  CHECK(v.path == "properties.enablePurgeProtection");
  CHECK(src.position(v.offset).line == 3);
  CHECK(src.position(v.offset).column == 5);
  // Absent: the full missing path, placed at the nearest existing parent.
  json::SourceText src2("r.json", "{\n  \"properties\": {\n  }\n}");
  const Verdict w = evaluate(*rule.assertion, *json::parse(src2).root, "2023-07-01");
  CHECK(w.path == "properties.enablePurgeProtection");
  CHECK_FALSE(w.actual);
  CHECK(src2.position(w.offset).line == 2);
}

TEST_CASE("anyItem: some element satisfies a compound condition") {
  const std::string grant =
      "  anyItem:\n    path: properties.accessPolicies\n    where:\n      allOf:\n"
      "        - {path: objectId, equals: abc}\n        - {path: permissions.keys, contains: "
      "unwrapKey}\n";
  CHECK(truth(grant, R"({"properties": {"accessPolicies": [
      {"objectId": "x", "permissions": {"keys": ["unwrapKey"]}},
      {"objectId": "abc", "permissions": {"keys": ["get", "unwrapKey"]}}]}})") == Truth::True);
  // Each element must satisfy the whole condition, not the parts in different elements.
  CHECK(truth(grant, R"({"properties": {"accessPolicies": [
      {"objectId": "abc", "permissions": {"keys": ["get"]}},
      {"objectId": "x", "permissions": {"keys": ["unwrapKey"]}}]}})") == Truth::False);
  CHECK(truth(grant, R"({"properties": {"accessPolicies": [
      {"objectId": "[parameters('p')]", "permissions": {"keys": ["unwrapKey"]}}]}})") ==
        Truth::Unknown);
  CHECK(truth(grant, R"({"properties": {}})") == Truth::False);
}

TEST_CASE("values Azure generates per resource are provably distinct") {
  const Rule rule = rule_with("  path: a\n  equals: {path: b}\n");
  auto body = [](json::Value a, json::Value b) {
    json::Value v = json::Value::object();
    v.set("a", std::move(a));
    v.set("b", std::move(b));
    return v;
  };
  const auto p1 = json::Value::symbolic("reference('id1').principalId", json::kNoOffset, true);
  const auto p2 = json::Value::symbolic("reference('id2').principalId", json::kNoOffset, true);
  const auto loc = json::Value::symbolic("resourceGroup().location");
  CHECK(evaluate(*rule.assertion, body(p1, p1), "").truth == Truth::True);
  CHECK(evaluate(*rule.assertion, body(p1, p2), "").truth == Truth::False);
  // A literal could be an existing identity's id; other symbolic values could be anything.
  CHECK(evaluate(*rule.assertion, body(p1, json::Value::string("0000")), "").truth ==
        Truth::Unknown);
  CHECK(evaluate(*rule.assertion, body(loc, json::Value::symbolic("x")), "").truth ==
        Truth::Unknown);
}

TEST_CASE("quoted booleans and numbers compare as Azure reads them") {
  // Resource providers read "true" as true and "30" as 30: tests with such operands do too.
  const std::string soft = "  path: p\n  equals: true\n";
  CHECK(truth(soft, R"({"p": "true"})") == Truth::True);
  CHECK(truth(soft, R"({"p": "TRUE"})") == Truth::True);
  CHECK(truth(soft, R"({"p": "false"})") == Truth::False);
  CHECK(truth(soft, R"({"p": "yes"})") == Truth::False);
  CHECK(truth(soft, R"({"p": 1})") == Truth::False);
  CHECK(truth("  path: p\n  equals: false\n", R"({"p": "False"})") == Truth::True);
  CHECK(truth("  path: p\n  notEquals: false\n", R"({"p": "false"})") == Truth::False);
  CHECK(truth("  path: p\n  notEquals: false\n", R"({"p": "true"})") == Truth::True);
  CHECK(truth("  path: p\n  in: [true]\n", R"({"p": "true"})") == Truth::True);
  CHECK(truth("  path: p\n  notIn: [false, 0]\n", R"({"p": "false"})") == Truth::False);

  const std::string thirty = "  path: d\n  equals: 30\n";
  CHECK(truth(thirty, R"({"d": "30"})") == Truth::True);
  CHECK(truth(thirty, R"({"d": "30.0"})") == Truth::True);
  CHECK(truth("  path: d\n  in: [7, 30]\n", R"({"d": "30"})") == Truth::True);
  // Only JSON's own spelling of a number: no spaces, exponents, leading zeros or signs but '-'.
  for (const char* text : {R"(" 30")", R"("30 ")", R"("3e1")", R"("030")", R"("+30")", R"("0x1e")",
                           R"("30.")", R"("")"}) {
    INFO(text);
    CHECK(truth(thirty, std::string(R"({"d": )") + text + "}") == Truth::False);
  }
  CHECK(truth("  path: d\n  greaterOrEquals: 7\n", R"({"d": "30"})") == Truth::True);
  CHECK(truth("  path: d\n  greaterOrEquals: 7\n", R"({"d": "5"})") == Truth::False);
  CHECK(truth("  path: d\n  less: 0\n", R"({"d": "-1.5"})") == Truth::True);
  CHECK(truth("  path: d\n  lessOrEquals: 90\n", R"({"d": "ninety"})") == Truth::False);

  // Symmetric: an operand path may be the quoted one.
  const std::string same = "  path: a\n  equals: {path: b}\n";
  CHECK(truth(same, R"({"a": true, "b": "true"})") == Truth::True);
  CHECK(truth(same, R"({"a": "true", "b": true})") == Truth::True);
  CHECK(truth(same, R"({"a": 30, "b": "30"})") == Truth::True);
  CHECK(truth(same, R"({"a": "true", "b": "TRUE"})") == Truth::False);  // two strings: text
  CHECK(truth("  path: a\n  greater: {path: b}\n", R"({"a": 10, "b": "5"})") == Truth::True);
  CHECK(truth("  path: a\n  greater: {path: b}\n", R"({"a": "10", "b": "5"})") == Truth::True);

  // Text operators compare text only.
  CHECK(truth("  path: a\n  startsWith: 'tr'\n", R"({"a": true})") == Truth::False);
  CHECK(truth("  path: a\n  matches: '[0-9]+'\n", R"({"a": 30})") == Truth::False);
  CHECK(truth("  path: a\n  equals: 'true'\n", R"({"a": "True"})") == Truth::False);
}

TEST_CASE("normalize: location compares region names as Azure does") {
  const std::string west = "  path: location\n  equals: westeurope\n  normalize: location\n";
  CHECK(truth(west, R"({"location": "West Europe"})") == Truth::True);
  CHECK(truth(west, R"({"location": "WESTEUROPE"})") == Truth::True);
  CHECK(truth(west, R"({"location": " west\teurope "})") == Truth::True);
  CHECK(truth(west, R"({"location": "North Europe"})") == Truth::False);
  CHECK(truth(west, R"({})") == Truth::False);
  // Without it, a space is a difference even ignoring case.
  CHECK(truth("  path: location\n  equals: westeurope\n  ignoreCase: true\n",
              R"({"location": "West Europe"})") == Truth::False);

  // Both sides are normalized: the literal, and what an operand path finds.
  CHECK(truth("  path: location\n  equals: West Europe\n  normalize: location\n",
              R"({"location": "westeurope"})") == Truth::True);
  const std::string same = "  path: location\n  equals: {path: other}\n  normalize: location\n";
  CHECK(truth(same, R"({"location": "West Europe", "other": "westeurope"})") == Truth::True);
  CHECK(truth(same, R"({"location": "West Europe", "other": "North Europe"})") == Truth::False);
  CHECK(truth("  path: location\n  in: [westeurope, North Europe]\n  normalize: location\n",
              R"({"location": "northeurope"})") == Truth::True);
  CHECK(truth("  path: location\n  notIn: [West Europe]\n  normalize: location\n",
              R"({"location": "westeurope"})") == Truth::False);
  CHECK(truth("  path: regions\n  contains: West Europe\n  normalize: location\n",
              R"({"regions": ["northeurope", "westeurope"]})") == Truth::True);
}
