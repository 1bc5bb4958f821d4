// The one entry point scan, the fixture runner and verify read inputs through.
#include "pipeline/prepared_input.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace cmk;
using namespace cmk::pipeline;

namespace {

const char* const kTemplate = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"name": {"type": "string"}},
  "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
    "name": "[parameters('name')]", "location": "[resourceGroup().location]",
    "properties": {"tenantId": "[subscription().tenantId]"}}]
})";

const char* const kParameters = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"name": {"value": "kv-from-file"}}
})";

}  // namespace

TEST_CASE("prepare_input: a template gets its paired parameters, the overrides and its mapping") {
  const auto tmpl = test::write_temp("main.json", kTemplate);
  test::write_temp("main.parameters.json", kParameters);
  InputOptions options;
  options.inputs.deployment.location = std::string("westeurope");
  const json::Value none = json::Value::object();

  auto plain = prepare_input(tmpl, options, none);
  REQUIRE(plain->modelled());
  CHECK(plain->diagnostics.empty());
  CHECK(plain->display == tmpl.lexically_normal().generic_string());
  REQUIRE(plain->model.resources.size() == 1);
  CHECK(plain->model.resources[0].display_name() == "kv-from-file");
  CHECK(plain->model.resources[0].body.find("location")->as_string() == "westeurope");

  // A deployment mapping whose files match gives this file another region.
  rules::DeploymentMapping mapping;
  mapping.files = std::make_shared<const Glob>("**/main.json");
  mapping.context.location = std::string("northeurope");
  options.deployments.push_back(mapping);
  options.inputs.parameter_overrides.set("name", json::Value::string("kv-override"));
  auto mapped = prepare_input(tmpl, options, none);
  REQUIRE(mapped->model.resources.size() == 1);
  CHECK(mapped->model.resources[0].display_name() == "kv-override");
  CHECK(mapped->model.resources[0].body.find("location")->as_string() == "northeurope");

  // Without automatic pairing the name has no value: unknown, not guessed.
  options.inputs.auto_parameters = false;
  options.inputs.parameter_overrides = json::Value::object();
  auto unpaired = prepare_input(tmpl, options, none);
  REQUIRE(unpaired->model.resources.size() == 1);
  CHECK(!unpaired->model.resources[0].evaluated_name);
}

TEST_CASE("prepare_input: what is not a template or an export has no model") {
  const json::Value none = json::Value::object();
  auto params = prepare_input(test::write_temp("p.parameters.json", kParameters), {}, none);
  REQUIRE(params->loaded.file);
  CHECK(params->loaded.file->kind == arm::FileKind::Parameters);
  CHECK(!params->modelled());
  CHECK(params->model.resources.empty());

  auto other = prepare_input(test::write_temp("package.json", R"({"name": "x"})"), {}, none);
  CHECK(!other->modelled());

  // Standard input the caller did not read is an error, not an empty file.
  auto stdin_unread = prepare_input("-", {}, none);
  CHECK(stdin_unread->display == "<stdin>");
  CHECK(!stdin_unread->loaded.file);
  REQUIRE(stdin_unread->diagnostics.size() == 1);
  CHECK(stdin_unread->diagnostics[0].message == "standard input was not read");

  InputOptions with_stdin;
  with_stdin.stdin_text = kTemplate;
  auto from_stdin = prepare_input("-", with_stdin, none);
  CHECK(from_stdin->modelled());
  CHECK(from_stdin->model.resources.size() == 1);
}
