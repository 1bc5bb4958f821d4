// libFuzzer target: YAML rule files (src/rules/rule_loader.cpp, yaml-cpp underneath). Any text
// goes to load_rule_text; a rule that loads is documented (rules/explain output) and evaluated
// on a small fixed resource, for each of its resource types, through run_rules and the condition
// evaluator (src/rules/condition_eval.cpp).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "arm/input_file.hpp"
#include "arm/template_model.hpp"
#include "fuzz_common.hpp"
#include "json/diagnostic.hpp"
#include "json/reader.hpp"
#include "report/rule_docs.hpp"
#include "rules/condition_eval.hpp"
#include "rules/engine.hpp"
#include "rules/rule_loader.hpp"

namespace {

// Known, unknown (expressions) and symbolic values; empty and nested containers; mixed case.
const char kResource[] = R"({
  "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv1",
  "location": "[resourceGroup().location]",
  "identity": {"type": "UserAssigned", "userAssignedIdentities": {"[variables('id')]": {}}},
  "properties": {
    "enableSoftDelete": true, "enablePurgeProtection": "[parameters('purge')]",
    "softDeleteRetentionInDays": 7, "big": 1e300, "neg": -9223372036854775808, "f": 0.5,
    "tenantId": "[subscription().tenantId]", "sku": {"name": "Premium", "family": "A"},
    "encryption": {"keySource": "Microsoft.Keyvault", "keyvaultproperties": {
      "keyname": "k", "keyversion": "", "keyvaulturi": "https://x.vault.azure.net/"}},
    "networkAcls": {"bypass": "AzureServices", "ipRules": [{"value": "1.2.3.4"}, {}],
                    "virtualNetworkRules": []},
    "list": [1, "two", null, [3], {"four": 4}, "[concat('a', 'b')]"], "emptyObj": {}, "ü": "ß"
  }
})";

struct Fixture {
  std::shared_ptr<const cmk::json::SourceText> source;
  cmk::json::Value root;
  cmk::json::Value body;  // expressions Unknown, location Symbolic
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    out.source = std::make_shared<const cmk::json::SourceText>("fixed.json", kResource);
    out.root = *cmk::json::parse(*out.source).root;
    out.body = cmk::arm::mark_expressions_unknown(out.root);
    out.body.set("location", cmk::json::Value::symbolic("resourceGroup().location"));
    return out;
  }();
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cmk;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const rules::RuleLoadResult loaded = rules::load_rule_text("fuzz.yaml", text);
  for (const Diagnostic& d : loaded.diagnostics) (void)format_diagnostic(d);
  CMK_FUZZ_CHECK(loaded.rules.empty() == has_errors(loaded.diagnostics),
                 "a rule loaded with errors, or failed without one");
  if (loaded.rules.empty()) return 0;

  (void)report::render_rule_list(loaded.rules);
  const Fixture& fx = fixture();
  arm::Model model;
  for (const rules::Rule& rule : loaded.rules) {
    (void)report::render_rule_explanation(rule);
    CMK_FUZZ_CHECK(rule.assertion != nullptr, "a loaded rule has no assertion");
    for (const std::string& api :
         {std::string(), std::string("2019-09-01"), std::string("2023-07-01-preview")}) {
      (void)rules::evaluate(*rule.assertion, fx.body, api);
      if (rule.when) (void)rules::evaluate(*rule.when, fx.body, api);
    }
    size_t n = 0;
    for (const std::string& type : rule.resource_types) {
      if (++n > 4) break;
      arm::Resource res;
      res.source = fx.source;
      res.raw = &fx.root;
      res.offset = fx.root.offset();
      res.type = type;
      res.name = "kv1";
      res.evaluated_name = "kv1";
      res.api_version = "2023-07-01";
      res.body = fx.body;
      res.body.set("type", json::Value::string(type));
      model.resources.push_back(std::move(res));
    }
  }
  for (const rules::Finding& f : rules::run_rules(loaded.rules, model)) {
    CMK_FUZZ_CHECK(f.rule != nullptr, "finding without a rule");
  }
  return 0;
}
