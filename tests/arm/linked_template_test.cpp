// Linked templates found locally are read like inline nested ones: their own parameters, their
// resources pointing into their file, their outputs answering reference().

#include <catch2/catch.hpp>

#include "arm/template_model.hpp"
#include "test_support.hpp"

using namespace cmk;
using namespace cmk::arm;

namespace {

const std::string kSchema =
    R"("$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",)";

std::string tmpl(const std::string& body) { return "{" + kSchema + body + "}"; }

// A deployment of `link` (a templateLink object) passing `parameters`.
std::string deployment(const std::string& name, const std::string& link,
                       const std::string& parameters = "{}") {
  return R"({"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": ")" +
         name + R"(", "properties": {"mode": "Incremental", "templateLink": )" + link +
         R"(, "parameters": )" + parameters + "}}";
}

// A template declaring one key vault named by its parameter `vaultName`.
const std::string kVaultTemplate = tmpl(R"(
  "parameters": {"vaultName": {"type": "string", "defaultValue": "default-kv"}},
  "resources": [
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
     "name": "[parameters('vaultName')]", "properties": {"enablePurgeProtection": true}}
  ],
  "outputs": {"name": {"type": "string", "value": "[parameters('vaultName')]"}})");

// Writes `files` (name -> text, main.json among them) into a folder of their own; returns it.
std::filesystem::path write_files(const std::string& folder,
                                  const std::vector<std::pair<std::string, std::string>>& files) {
  std::filesystem::path dir;
  for (const auto& [name, text] : files) {
    const auto written = test::write_temp("linked/" + folder + "/" + name, text);
    if (name == "main.json") dir = written.parent_path();
  }
  return dir;
}

struct Built {
  InputFile file;
  Model model;
};

Built build(const std::filesystem::path& dir, const std::string& display_folder,
            ModelOptions options = {}) {
  LoadResult r = load_file(dir / "main.json", display_folder + "/main.json");
  REQUIRE(r.file);
  Built b{std::move(*r.file), {}};
  b.model = build_model(b.file, options);
  return b;
}

const Resource* find(const Model& m, const std::string& name) {
  for (const Resource& r : m.resources) {
    if (r.evaluated_name == name) return &r;
  }
  return nullptr;
}

std::vector<std::string> messages(const Model& m, DiagnosticLevel level) {
  std::vector<std::string> out;
  for (const Diagnostic& d : m.diagnostics) {
    if (d.level == level) {
      out.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                    d.message);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a relativePath link is read with the parameters the deployment passes") {
  const auto dir = write_files(
      "rel", {{"main.json", tmpl(R"(
  "parameters": {"name": {"type": "string", "defaultValue": "kv-main"}},
  "resources": [
    )" +
                                 deployment("storage", R"({"relativePath": "nested/vault.json"})",
                                            R"({"vaultName": {"value": "[parameters('name')]"}})") +
                                 R"(
  ])")},
              {"nested/vault.json", kVaultTemplate}});
  const Built b = build(dir, "rel");
  CHECK(b.model.diagnostics.empty());
  REQUIRE(b.model.linked_files.size() == 1);
  const Resource* kv = find(b.model, "kv-main");
  REQUIRE(kv);
  // Its findings point into the linked file.
  CHECK(kv->source->path() == "rel/nested/vault.json");
  CHECK(kv->source->position(kv->offset).line == 4);
  CHECK(kv->deployment_path == std::vector<std::string>{"storage"});
  CHECK(kv->body.find("properties")->find("enablePurgeProtection")->as_bool());
  CHECK(b.model.resources.size() == 2);  // the deployment and the vault
}

TEST_CASE("a link inside a linked template is relative to that linked file") {
  const auto dir = write_files(
      "inner",
      {{"main.json", tmpl(R"("resources": [)" +
                          deployment("outer", R"({"relativePath": "nested/outer.json"})") + "]")},
       {"nested/outer.json",
        tmpl(R"("resources": [)" +
             deployment("inner", R"({"relativePath": "[concat('deeper/', 'vault.json')]"})",
                        R"({"vaultName": {"value": "kv-deep"}})") +
             "]")},
       {"nested/deeper/vault.json", kVaultTemplate}});
  const Built b = build(dir, "inner");
  CHECK(b.model.diagnostics.empty());
  CHECK(b.model.linked_files.size() == 2);
  const Resource* kv = find(b.model, "kv-deep");
  REQUIRE(kv);
  CHECK(kv->source->path() == "inner/nested/deeper/vault.json");
  CHECK(kv->deployment_path == std::vector<std::string>{"outer", "inner"});
}

TEST_CASE("a uri built from _artifactsLocation names a file beside the top-level template") {
  const std::string artifacts = R"(
  "parameters": {
    "_artifactsLocation": {"type": "string", "defaultValue": "[deployment().properties.templateLink.uri]"},
    "_artifactsLocationSasToken": {"type": "securestring", "defaultValue": ""}
  },
  "variables": {"vaultUrl": "[uri(parameters('_artifactsLocation'), concat('nested/vault.json', parameters('_artifactsLocationSasToken')))]"},
  )";
  SECTION("the quickstart default: the template's own URI, through uri() and a variable") {
    const auto dir = write_files(
        "uri", {{"main.json", tmpl(artifacts + R"("resources": [)" +
                                   deployment("a", R"({"uri": "[variables('vaultUrl')]"})",
                                              R"({"vaultName": {"value": "kv-a"}})") +
                                   "]")},
                {"nested/vault.json", kVaultTemplate}});
    const Built b = build(dir, "uri");
    CHECK(b.model.diagnostics.empty());
    REQUIRE(find(b.model, "kv-a"));
    CHECK(find(b.model, "kv-a")->source->path() == "uri/nested/vault.json");
  }
  SECTION("an _artifactsLocation without a value, joined by concat() with a '/' of its own") {
    const auto dir = write_files(
        "concat",
        {{"main.json",
          tmpl(
              R"("parameters": {"_artifactsLocation": {"type": "string"},
                   "_artifactsLocationSasToken": {"type": "securestring"}},
                  "resources": [)" +
              deployment(
                  "b",
                  R"({"uri": "[concat(parameters('_artifactsLocation'), '/nested/vault.json', parameters('_artifactsLocationSasToken'))]"})",
                  R"({"vaultName": {"value": "kv-b"}})") +
              "]")},
         {"nested/vault.json", kVaultTemplate}});
    const Built b = build(dir, "concat");
    CHECK(find(b.model, "kv-b"));
  }
  SECTION("passed down to a linked template, _artifactsLocation still names the top folder") {
    const auto dir = write_files(
        "passed",
        {{"main.json",
          tmpl(artifacts + R"("resources": [)" +
               deployment(
                   "a",
                   R"({"uri": "[uri(parameters('_artifactsLocation'), 'nested/middle.json')]"})",
                   R"({"_artifactsLocation": {"value": "[parameters('_artifactsLocation')]"}})") +
               "]")},
         {"nested/middle.json",
          tmpl(R"("parameters": {"_artifactsLocation": {"type": "string"}}, "resources": [)" +
               deployment(
                   "b",
                   R"({"uri": "[uri(parameters('_artifactsLocation'), 'nested/vault.json')]"})",
                   R"({"vaultName": {"value": "kv-passed"}})") +
               "]")},
         {"nested/vault.json", kVaultTemplate}});
    const Built b = build(dir, "passed");
    CHECK(b.model.diagnostics.empty());
    REQUIRE(find(b.model, "kv-passed"));
    CHECK(find(b.model, "kv-passed")->deployment_path == std::vector<std::string>{"a", "b"});
  }
  SECTION("a real URL, given or defaulted, is not fetched: a note, not an error") {
    ModelOptions given;
    given.parameters.set("_artifactsLocation",
                         json::Value::string("https://raw.githubusercontent.com/x/y/"));
    const auto dir = write_files(
        "remote",
        {{"main.json", tmpl(artifacts + R"("resources": [)" +
                            deployment("c", R"({"uri": "[variables('vaultUrl')]"})") + "]")},
         {"nested/vault.json", kVaultTemplate}});
    const Built b = build(dir, "remote", given);
    CHECK(b.model.linked_files.empty());
    CHECK(messages(b.model, DiagnosticLevel::Warning).empty());
    CHECK(messages(b.model, DiagnosticLevel::Note) ==
          std::vector<std::string>{
              "remote/main.json:7:164: linked template "
              "'https://raw.githubusercontent.com/x/y/nested/vault.json' is not a local file; "
              "not followed"});
  }
}

TEST_CASE("reference() reads a linked deployment's outputs") {
  const auto dir = write_files(
      "outputs", {{"main.json", tmpl(R"("resources": [)" +
                                     deployment("linked", R"({"relativePath": "vault.json"})",
                                                R"({"vaultName": {"value": "kv-out"}})") +
                                     R"(,
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
     "name": "[concat(reference('linked').outputs.name.value, '-copy')]"}
  ])")},
                  {"vault.json", kVaultTemplate}});
  const Built b = build(dir, "outputs");
  CHECK(b.model.diagnostics.empty());
  CHECK(find(b.model, "kv-out"));
  CHECK(find(b.model, "kv-out-copy"));
  CHECK(b.model.linked_files.size() == 1);  // read once, for the resources and the outputs
}

TEST_CASE("a file linked twice is read once; each deployment has its own parameters") {
  const auto dir = write_files(
      "twice", {{"main.json", tmpl(R"("resources": [)" +
                                   deployment("one", R"({"relativePath": "vault.json"})",
                                              R"({"vaultName": {"value": "kv-1"}})") +
                                   "," +
                                   deployment("two", R"({"relativePath": "vault.json"})",
                                              R"({"vaultName": {"value": "kv-2"}})") +
                                   "]")},
                {"vault.json", kVaultTemplate}});
  const Built b = build(dir, "twice");
  CHECK(b.model.linked_files.size() == 1);
  REQUIRE(find(b.model, "kv-1"));
  REQUIRE(find(b.model, "kv-2"));
  CHECK(find(b.model, "kv-1")->source == find(b.model, "kv-2")->source);
}

TEST_CASE("each instance of a copy loop deploys the linked template with its own values") {
  const auto dir = write_files("copy", {{"main.json", tmpl(R"("resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
     "name": "[concat('d', copyIndex())]", "copy": {"name": "each", "count": 2},
     "properties": {"mode": "Incremental", "templateLink": {"relativePath": "vault.json"},
       "parameters": {"vaultName": {"value": "[concat('kv-', copyIndex())]"}}}}
  ])")},
                                        {"vault.json", kVaultTemplate}});
  const Built b = build(dir, "copy");
  CHECK(b.model.diagnostics.empty());
  CHECK(b.model.linked_files.size() == 1);
  REQUIRE(find(b.model, "kv-0"));
  REQUIRE(find(b.model, "kv-1"));
  CHECK(find(b.model, "kv-1")->deployment_path == std::vector<std::string>{"d1"});
}

TEST_CASE("a link that cannot be followed is reported at the templateLink; the rest is read") {
  const std::string vault_here =
      R"({"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv-here"})";
  SECTION("no such file") {
    const auto dir = write_files("missing", {{"main.json", tmpl(R"("resources": [
    )" + deployment("gone", R"({"relativePath": "nested/gone.json"})") +
                                                                ",\n    " + vault_here + "]")}});
    const Built b = build(dir, "missing");
    CHECK(messages(b.model, DiagnosticLevel::Warning) ==
          std::vector<std::string>{"missing/main.json:2:164: linked template "
                                   "'missing/nested/gone.json' cannot be read: no such file"});
    CHECK(find(b.model, "kv-here"));
  }
  SECTION("not JSON, or not a template") {
    const auto dir = write_files(
        "broken",
        {{"main.json", tmpl(R"("resources": [
    )" + deployment("bad", R"({"relativePath": "bad.json"})") +
                            ",\n    " + deployment("params", R"({"relativePath": "p.json"})") +
                            ",\n    " + vault_here + "]")},
         {"bad.json", "{\n  \"resources\": [\n"},
         {"p.json",
          R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"})"}});
    const Built b = build(dir, "broken");
    const std::vector<std::string> warnings = messages(b.model, DiagnosticLevel::Warning);
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0] ==
          "broken/main.json:2:163: linked template 'broken/bad.json' cannot be parsed (3:1: "
          "expected a JSON value)");
    CHECK(warnings[1] ==
          "broken/main.json:3:166: linked template 'broken/p.json' is not an ARM template "
          "($schema is no deploymentTemplate); not followed");
    CHECK(find(b.model, "kv-here"));
    CHECK(b.model.linked_files.empty());
  }
  SECTION("outside the scanned folders") {
    test::write_temp("linked/outside.json", kVaultTemplate);
    const auto dir = write_files(
        "out",
        {{"main.json", tmpl(R"("resources": [)" +
                            deployment("far", R"({"relativePath": "../outside.json"})") + "]")}});
    const Built b = build(dir, "out");
    CHECK(b.model.linked_files.empty());
    CHECK(messages(b.model, DiagnosticLevel::Warning).empty());
    REQUIRE(messages(b.model, DiagnosticLevel::Note).size() == 1);
    CHECK(messages(b.model, DiagnosticLevel::Note)[0].ends_with(
        "linked template 'outside.json' is outside the scanned folders; not followed"));
  }
}

TEST_CASE("a template that links back to itself is read once, with a warning") {
  const auto dir = write_files(
      "cycle", {{"main.json", tmpl(R"("resources": [)" +
                                   deployment("to-b", R"({"relativePath": "b.json"})") + "]")},
                {"b.json",
                 tmpl(R"("resources": [)" + deployment("back", R"({"relativePath": "main.json"})") +
                      "," + R"({"type": "Microsoft.KeyVault/vaults", "name": "kv-b"}])")}});
  const Built b = build(dir, "cycle");
  CHECK(messages(b.model, DiagnosticLevel::Warning) ==
        std::vector<std::string>{
            "cycle/b.json:1:268: linked template 'cycle/main.json' links back to a template that "
            "links to it (a cycle); not followed again"});
  CHECK(find(b.model, "kv-b"));
  CHECK(b.model.linked_files.size() == 1);
}

TEST_CASE("text given in memory follows no links") {
  LoadResult r =
      load_text("mem.json",
                tmpl(R"("resources": [)" + deployment("x", R"({"relativePath": "x.json"})") + "]"));
  REQUIRE(r.file);
  const Model m = build_model(*r.file);
  CHECK(m.linked_files.empty());
  CHECK(messages(m, DiagnosticLevel::Warning).empty());
}
