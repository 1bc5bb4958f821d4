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
