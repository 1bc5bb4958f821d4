#include "arm/template_model.hpp"

#include <catch2/catch.hpp>

using namespace cmk;
using namespace cmk::arm;

namespace {
InputFile load(const std::string& text) {
  LoadResult r = load_text("t.json", text);
  REQUIRE(r.file);
  return std::move(*r.file);
}
const std::string kSchema =
    R"("$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",)";
}  // namespace

TEST_CASE("files are classified by $schema or by their resource shape") {
  CHECK(load("{" + kSchema + "\"resources\": []}").kind == FileKind::Template);
  CHECK(
      load(
          R"({"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"})")
          .kind == FileKind::Template);
  CHECK(
      load(
          R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"})")
          .kind == FileKind::Parameters);
  const std::string live =
      R"({"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/kv", "name": "kv", "type": "Microsoft.KeyVault/vaults", "properties": {}})";
  CHECK(load(live).kind == FileKind::LiveResources);
  CHECK(load("[" + live + "," + live + "]").kind == FileKind::LiveResources);
  CHECK(load(R"({"value": [)" + live + "]}").kind == FileKind::LiveResources);
  CHECK(
      load(R"({"ID": "/subscriptions/s/providers/X/y/z", "Type": "X/y", "Properties": {}})").kind ==
      FileKind::LiveResources);
  CHECK(load(R"({"name": "package.json", "version": "1.0.0"})").kind == FileKind::Other);
}

TEST_CASE("resources as an array, with children composed as Azure does") {
  InputFile f = load("{" + kSchema + R"("resources": [
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv",
     "resources": [
       {"type": "keys", "apiVersion": "2023-07-01", "name": "k1", "properties": {}},
       {"type": "Microsoft.KeyVault/vaults/accessPolicies", "name": "kv/add"}
     ]},
    {"type": "Microsoft.KeyVault/vaults", "name": "[parameters('v')]",
     "resources": [{"type": "keys", "name": "k2"}]},
    {"type": "Microsoft.KeyVault/vaults", "name": "old", "existing": true}
  ]})");
  Model m = build_model(f);
  REQUIRE(m.resources.size() == 6);
  CHECK(m.resources[1].type == "Microsoft.KeyVault/vaults/keys");
  CHECK(m.resources[1].name == "kv/k1");
  CHECK(m.resources[1].body.find("type")->as_string() == "Microsoft.KeyVault/vaults/keys");
  CHECK(m.resources[2].type == "Microsoft.KeyVault/vaults/accessPolicies");
  CHECK(m.resources[2].name == "kv/add");
  CHECK(m.resources[3].name == "[parameters('v')]");
  CHECK_FALSE(m.resources[3].evaluated_name);
  CHECK(m.resources[4].name == "[parameters('v')]/k2");  // as written, composed
  CHECK(m.resources[5].existing);
  CHECK(f.source->position(m.resources[1].offset).line == 4);
}

TEST_CASE("languageVersion 2.0 symbolic resources and nested deployments") {
  InputFile f = load("{" + kSchema + R"("languageVersion": "2.0", "resources": {
    "vault": {"type": "Microsoft.KeyVault/vaults", "name": "kv"},
    "old": {"existing": true, "type": "Microsoft.KeyVault/vaults", "name": "kv0"},
    "nested": {"type": "Microsoft.Resources/deployments", "name": "inner",
      "properties": {"expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"p": {"value": 1}},
        "template": {"resources": [
          {"type": "Microsoft.Resources/deployments", "name": "deeper",
           "properties": {"template": {"resources": [{"type": "Microsoft.KeyVault/vaults", "name": "kv3"}]}}}
        ]}}}
  }})");
  Model m = build_model(f);
  REQUIRE(m.resources.size() == 5);
  CHECK(m.resources[0].symbolic_name == "vault");
  CHECK(m.resources[1].existing);
  const Resource& kv3 = m.resources[4];
  CHECK(kv3.name == "kv3");
  CHECK(kv3.deployment_path == std::vector<std::string>{"inner", "deeper"});
  REQUIRE(kv3.scope);
  CHECK(kv3.scope->outer);  // Azure's default for nested templates
  REQUIRE(kv3.scope->parent);
  CHECK_FALSE(kv3.scope->parent->outer);
  CHECK(kv3.scope->parent->parameters->find("p"));
  CHECK(kv3.scope->parent->parent->deployment_name.empty());
}

TEST_CASE("expressions stay unknown until evaluated; [[ escapes are literal") {
  InputFile f = load("{" + kSchema + R"("resources": [{"type": "A/b", "name": "x",
    "properties": {"e": "[parameters('p')]", "lit": "[[not an expression]", "s": "[x"}}]})");
  Model m = build_model(f);
  const json::Value& props = *m.resources[0].body.find("properties");
  REQUIRE(props.find("e")->is_unknown());
  CHECK(props.find("e")->unknown_info().expression == "[parameters('p')]");
  CHECK(props.find("lit")->as_string() == "[not an expression]");
  CHECK(props.find("s")->as_string() == "[x");
}

TEST_CASE("exported live resources keep their literal values") {
  InputFile f = load(
      R"({"value": [{"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/kv",
    "name": "kv", "type": "Microsoft.KeyVault/vaults", "properties": {"enableSoftDelete": false}}]})");
  Model m = build_model(f);
  REQUIRE(m.resources.size() == 1);
  CHECK(m.resources[0].live);
  CHECK(m.resources[0].display_name() == "kv");
}

TEST_CASE("conditions, copy loops and nested scopes are evaluated as Azure would") {
  InputFile f = load("{" + kSchema + R"("parameters": {
      "n": {"type": "int", "defaultValue": 2}, "on": {"type": "bool", "defaultValue": false},
      "maybe": {"type": "bool"}, "count": {"type": "int"}},
    "resources": [
      {"type": "A/b", "name": "[format('loop{0}', copyIndex(1))]", "copy": {"name": "l", "count": "[parameters('n')]"},
       "properties": {"i": "[copyIndex()]"}},
      {"type": "A/b", "name": "off", "condition": "[parameters('on')]"},
      {"type": "A/b", "name": "maybe", "condition": "[parameters('maybe')]"},
      {"type": "A/b", "name": "many", "copy": {"name": "m", "count": "[parameters('count')]"},
       "properties": {"i": "[copyIndex()]"}},
      {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
       "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
         "parameters": {"v": {"value": "[parameters('n')]"}},
         "template": {"parameters": {"v": {"type": "int"}, "n": {"type": "int", "defaultValue": 7}},
           "resources": [{"type": "A/c", "name": "[string(parameters('v'))]",
                          "properties": {"own": "[parameters('n')]"}}]}}}
    ]})");
  Model m = build_model(f);
  for (const auto& d : m.diagnostics) FAIL(format_diagnostic(d));
  REQUIRE(m.resources.size() == 6);
  CHECK(m.resources[0].evaluated_name == "loop1");
  CHECK(m.resources[1].evaluated_name == "loop2");
  CHECK(m.resources[1].body.find("properties")->find("i")->as_int() == 1);
  CHECK(m.resources[1].copy_index == 1);
  // "off" is not deployed; "maybe" may be.
  CHECK(m.resources[2].evaluated_name == "maybe");
  CHECK(m.resources[2].conditional == "[parameters('maybe')]");
  // An unknown count: one resource stands for all, with an unknown index.
  CHECK(m.resources[3].evaluated_name == "many");
  CHECK(m.resources[3].body.find("properties")->find("i")->is_unknown());
  // Inner scope: the nested template sees its own parameters, given by the deployment.
  const Resource& c = m.resources[5];
  CHECK(c.type == "A/c");
  CHECK(c.evaluated_name == "2");
  CHECK(c.body.find("properties")->find("own")->as_int() == 7);
  CHECK(c.deployment_path == std::vector<std::string>{"inner"});
}

TEST_CASE("parameter values given to the model replace defaults; secrets stay unknown") {
  InputFile f = load("{" + kSchema + R"("parameters": {"p": {"type": "bool", "defaultValue": true}},
    "resources": [{"type": "A/b", "name": "x", "properties": {"v": "[parameters('p')]"}}]})");
  ModelOptions o;
  o.parameters.set("p", json::Value::boolean(false));
  CHECK_FALSE(build_model(f, o).resources[0].body.find("properties")->find("v")->as_bool());
  o.parameters.set("P", json::Value::unknown("a Key Vault secret reference"));
  CHECK(build_model(f, o).resources[0].body.find("properties")->find("v")->is_unknown());
}

TEST_CASE("an unknown function is an error at its place; the value is unknown") {
  LoadResult r = load_text("t.json", "{" + kSchema + R"(
  "resources": [{"type": "A/b", "name": "x", "properties": {"v": "[concatt('a')]"}}]})");
  Model m = build_model(*r.file);
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].level == DiagnosticLevel::Error);
  CHECK(m.diagnostics[0].message == "unknown function 'concatt' (did you mean 'concat'?)");
  CHECK(m.diagnostics[0].line == 2);
  CHECK(m.diagnostics[0].column == 68);  // the function name inside the string
  CHECK(m.resources[0].body.find("properties")->find("v")->is_unknown());
}

TEST_CASE("copy loops expand up to Azure's 800 instances; more is reported, not cut silently") {
  const std::string tmpl = "{" + kSchema + R"("parameters": {"n": {"type": "int"}},
    "resources": [{"type": "A/b", "name": "[format('r{0}', copyIndex())]",
                   "copy": {"name": "l", "count": "[parameters('n')]"}}]})";
  InputFile f = load(tmpl);
  auto with_count = [](int64_t n, size_t max = expr::kMaxCopyCount) {
    ModelOptions o;
    o.parameters.set("n", json::Value::integer(n));
    o.max_copy_instances = max;
    return o;
  };
  Model m = build_model(f, with_count(800));
  CHECK(m.diagnostics.empty());
  REQUIRE(m.resources.size() == 800);
  CHECK(m.resources.back().evaluated_name == "r799");

  m = build_model(f, with_count(1000));
  CHECK(m.resources.size() == 800);
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].level == DiagnosticLevel::Warning);
  CHECK(m.diagnostics[0].message ==
        "copy count 1000 is over Azure's limit of 800; Azure rejects the deployment (the first 800 "
        "instances are analysed)");

  m = build_model(f, with_count(20, 5));
  CHECK(m.resources.size() == 5);
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].message == "copy count 20: only the first 5 instances are analysed");

  m = build_model(f, with_count(-1));
  CHECK(m.resources.empty());
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].message == "copy count -1 is negative; Azure rejects the deployment");
}

TEST_CASE("an existing key without properties gets its derived key URIs") {
  // Its body's members are exactly as many as it has, so adding "properties" moves them all,
  // the "name" the URIs are built from included (a heap-use-after-free AddressSanitizer found).
  InputFile f = load("{" + kSchema + R"("resources": [
    {"type": "Microsoft.KeyVault/vaults/keys", "apiVersion": "2023-07-01", "name": "kv/k1",
     "existing": true}
  ]})");
  Model m = build_model(f);
  REQUIRE(m.resources.size() == 1);
  const json::Value* props = m.resources[0].body.find("properties");
  REQUIRE(props);
  const json::Value* uri = props->find("keyUri");
  REQUIRE(uri);
  REQUIRE(uri->is_string());
  CHECK(uri->as_string().rfind("https://kv.", 0) == 0);
  CHECK(uri->as_string().find("/keys/k1") != std::string::npos);
  CHECK(props->find("keyUriWithVersion"));
}
