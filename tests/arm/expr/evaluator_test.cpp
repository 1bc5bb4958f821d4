// Three-valued semantics: Unknown propagation, decisions despite Unknown, Symbolic values.

#include "arm/expr/evaluator.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace cmk;
using namespace cmk::arm::expr;
using namespace cmk::arm::expr::testing;

namespace {
const char* kTemplate = R"({
  "parameters": {
    "p": {"type": "bool"},
    "q": {"type": "string"},
    "withDefault": {"type": "string", "defaultValue": "d"},
    "obj": {"type": "object", "defaultValue": {"a": 1, "b": "[parameters('p')]"}}
  }
})";
}  // namespace

TEST_CASE("an unknown operand makes the result unknown and keeps the first blocker") {
  Harness h(kTemplate);
  json::Value v = h.value("[concat(parameters('q'), parameters('p'))]");
  REQUIRE(v.is_unknown());
  CHECK(v.unknown_info().reason == "parameter 'q' has no value");
  CHECK(v.unknown_info().expression == "parameters('q')");
  v = h.value("[not(parameters('p'))]");
  REQUIRE(v.is_unknown());
  CHECK(v.unknown_info().expression == "parameters('p')");
  // The headline case: no placeholder substitution, the property is unknown.
  v = h.value("[parameters('p')]");
  REQUIRE(v.is_unknown());
  CHECK(v.offset() == 0);
}

TEST_CASE("functions decide despite unknown operands where Azure's result cannot differ") {
  Harness h(kTemplate);
  CHECK(js(h.value("[if(true(), 'x', parameters('q'))]")) == R"("x")");
  CHECK(js(h.value("[if(parameters('p'), 'same', 'same')]")) == R"("same")");
  CHECK(h.value("[if(parameters('p'), 'a', 'b')]").is_unknown());
  CHECK(js(h.value("[and(false, parameters('p'))]")) == "false");
  CHECK(js(h.value("[and(parameters('p'), false)]")) == "false");
  CHECK(h.value("[and(parameters('p'), true)]").is_unknown());
  CHECK(js(h.value("[or(parameters('p'), true)]")) == "true");
  CHECK(js(h.value("[coalesce(null(), 'x', parameters('q'))]")) == R"("x")");
  CHECK(h.value("[coalesce(parameters('q'), 'x')]").is_unknown());
  CHECK(js(h.value("[length(parameters('obj'))]")) == "2");
  CHECK(js(h.value("[empty(parameters('obj'))]")) == "false");
  CHECK(js(h.value("[parameters('obj').a]")) == "1");
  CHECK(h.value("[parameters('obj').b]").is_unknown());
  CHECK(js(h.value("[length(createArray(parameters('q'), 1))]")) == "2");
  CHECK(js(h.value("[contains(createArray('a', parameters('q')), 'a')]")) == "true");
  CHECK(h.value("[contains(createArray('b', parameters('q')), 'a')]").is_unknown());
  CHECK(js(h.value("[equals(createArray(1, parameters('q')), createArray(2, 'x'))]")) == "false");
  CHECK(js(h.value("[tryGet(parameters('obj'), 'missing')]")) == "null");
  // A guard short-circuits, as in Azure: the failing second operand is never evaluated.
  CHECK(js(h.value("[and(false, greater(createArray()[0], 1))]")) == "false");
}

TEST_CASE("deployment-context values are symbolic and equal only to themselves") {
  Harness h;
  json::Value loc = h.value("[resourceGroup().location]");
  REQUIRE(loc.is_symbolic());
  CHECK(loc.symbolic_info().name == "resourceGroup().location");
  CHECK(js(h.value("[equals(resourceGroup().location, resourceGroup().location)]")) == "true");
  CHECK(h.value("[equals(resourceGroup().location, 'westus')]").is_unknown());
  CHECK(js(h.value("[equals(resourceGroup().location, 1)]")) == "false");
  CHECK(h.value("[subscription().subscriptionId]").symbolic_info().name ==
        "subscription().subscriptionId");
  // The deployment's tenant is its subscription's: one value, whichever function names it.
  CHECK(h.value("[tenant().tenantId]").symbolic_info().name == "subscription().tenantId");
  CHECK(js(h.value("[equals(tenant().tenantId, subscription().tenantId)]")) == "true");
  CHECK(h.value("[deployment().name]").symbolic_info().name == "deployment().name");
  // concat/format/uniqueString build composite symbolic values, so the same name built two
  // ways compares equal.
  json::Value a = h.value("[concat('kv-', uniqueString(resourceGroup().id))]");
  json::Value b = h.value("[format('kv-{0}', uniqueString(resourceGroup().id))]");
  REQUIRE(a.is_symbolic());
  CHECK(a.symbolic_info().name == b.symbolic_info().name);
  CHECK(js(h.value("[equals(concat('kv-', uniqueString(resourceGroup().id)), "
                   "format('kv-{0}', uniqueString(resourceGroup().id)))]")) == "true");
  // Functions that cannot work on an unknown string make the result unknown, naming it.
  json::Value n = h.value("[length(resourceGroup().name)]");
  REQUIRE(n.is_unknown());
  CHECK(n.unknown_info().reason == "depends on deployment-context value resourceGroup().name");
}

TEST_CASE("a concrete deployment context makes the same expressions concrete") {
  TemplateScope::Options o;
  o.deployment.location = "westeurope";
  o.deployment.subscription_id = "00000000-0000-0000-0000-000000000000";
  o.deployment.resource_group = "examplegroup";
  o.deployment.tenant_id = "11111111-1111-1111-1111-111111111111";
  Harness h("{}", o);
  CHECK(js(h.value("[resourceGroup().location]")) == R"("westeurope")");
  CHECK(js(h.value("[resourceGroup().id]")) ==
        R"("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/examplegroup")");
  CHECK(js(h.value("[uniqueString(resourceGroup().id)]")) == R"("5lm2jyqjb5okc")");
  CHECK(js(h.value("[subscription().tenantId]")) == R"("11111111-1111-1111-1111-111111111111")");
}

TEST_CASE("evaluation errors carry the column of the failing call") {
  Harness h;
  Evaluated e = h.eval("[concat('a', substring('abc', 2, 5))]");
  REQUIRE(e.errors.size() == 1);
  CHECK(e.errors[0].error.column == 14);
  CHECK(e.errors[0].error.message ==
        "the index and length parameters must refer to a location within the string: index 2, "
        "length 5, string length 3");
  REQUIRE(e.value.is_unknown());
  CHECK(e.value.unknown_info().expression == "[concat('a', substring('abc', 2, 5))]");
  e = h.eval("[concatt('a')]");
  REQUIRE(e.errors.size() == 1);
  CHECK(e.errors[0].error.kind == ErrorKind::UnknownFunction);
  CHECK(e.errors[0].error.message == "unknown function 'concatt' (did you mean 'concat'?)");
  CHECK(h.error("[createObject('a', 1).b]") ==
        "property 'b' doesn't exist; available properties are 'a'");
  CHECK(h.error("[createArray(1)[3]]") == "index 3 is out of range for an array of length 1");
  CHECK(h.error("[fail('stop here')]") == "the template calls fail(): stop here");
}

TEST_CASE("property access is case-insensitive, string comparison is not") {
  Harness h;
  CHECK(js(h.value("[createObject('Name', 1).nAME]")) == "1");
  CHECK(js(h.value("[createObject('Name', 1)['NAME']]")) == "1");
  CHECK(js(h.value("[equals('a', 'A')]")) == "false");
  CHECK(js(h.value("[json('{\"a\":{\"b\":[10,20]}}').a.b[1]]")) == "20");
}
