#include "arm/expr/template_scope.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace cmk;
using namespace cmk::arm::expr;
using namespace cmk::arm::expr::testing;

TEST_CASE("parameters: supplied value, default, nullable, none") {
  const char* t = R"({
    "parameters": {
      "supplied": {"type": "string", "defaultValue": "d"},
      "defaulted": {"type": "string", "defaultValue": "[concat('x-', parameters('supplied'))]"},
      "nullable": {"type": "string", "nullable": true},
      "missing": {"type": "bool"},
      "nullGiven": {"type": "int", "defaultValue": 3}
    }
  })";
  TemplateScope::Options o;
  o.parameters = parse_json(R"({"supplied": "s", "nullGiven": null})");
  Harness h(t, o);
  CHECK(js(h.value("[parameters('supplied')]")) == R"("s")");
  CHECK(js(h.value("[parameters('defaulted')]")) == R"("x-s")");
  CHECK(js(h.value("[parameters('nullable')]")) == "null");
  CHECK(js(h.value("[parameters('nullGiven')]")) == "3");
  json::Value missing = h.value("[parameters('missing')]");
  REQUIRE(missing.is_unknown());
  CHECK(missing.unknown_info().reason == "parameter 'missing' has no value");
  CHECK(missing.unknown_info().expression == "parameters('missing')");
  CHECK(h.error("[parameters('suplied')]") ==
        "parameter 'suplied' is not declared (did you mean 'supplied'?)");
  // A Key Vault reference arrives from the caller as an Unknown and stays one.
  TemplateScope::Options kv;
  kv.parameters = parse_json("{}");
  kv.parameters.set("missing", json::Value::unknown("Key Vault secret reference"));
  Harness h2(t, kv);
  CHECK(h2.value("[parameters('missing')]").unknown_info().reason == "Key Vault secret reference");
}

TEST_CASE("variables: lazy, memoized, cycles, copy loops") {
  const char* t = R"({
    "parameters": {"n": {"type": "int", "defaultValue": 2}},
    "variables": {
      "a": "[concat(variables('b'), '!')]",
      "b": "hi",
      "loopA": "[variables('loopB')]",
      "loopB": "[variables('loopA')]",
      "obj": {"k": "[variables('b')]", "copy": [{"name": "disks", "count": "[parameters('n')]",
              "input": {"lun": "[copyIndex('disks')]"}}]},
      "copy": [{"name": "names", "count": 3, "input": "[concat('vm', copyIndex('names'))]"}]
    }
  })";
  Harness h(t);
  CHECK(js(h.value("[variables('a')]")) == R"("hi!")");
  CHECK(js(h.value("[variables('obj')]")) == R"({"k":"hi","disks":[{"lun":0},{"lun":1}]})");
  CHECK(js(h.value("[variables('names')]")) == R"(["vm0","vm1","vm2"])");
  json::Value loop = h.value("[variables('loopA')]");
  REQUIRE(loop.is_unknown());
  std::vector<ExprError> errors = h.scope->check_declarations();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].error.kind == ErrorKind::Cycle);
  CHECK(errors[0].error.message == "variable 'loopA' depends on itself");
}

TEST_CASE("evaluate() evaluates keys, expands property copies and keeps offsets") {
  const std::string t =
      R"({"variables": {"id": "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'u')]"}})";
  Harness h(t);
  const std::string resource_text = R"({
    "name": "[concat('vm', copyIndex())]",
    "identity": {"userAssignedIdentities": {"[variables('id')]": {}}},
    "properties": {"copy": [{"name": "nics", "count": 2, "input": {"i": "[copyIndex('nics', 1)]"}}],
                   "literal": "[[notAnExpression]"}
  })";
  json::Value resource = parse_json(resource_text);
  TemplateScope::Copy copy{"vms", json::Value::integer(3), {}};
  Evaluated e = h.scope->evaluate(resource, TemplateScope::bind(copy, json::Value::integer(2)));
  CHECK(e.errors.empty());
  CHECK(js(*e.value.find("name")) == R"("vm2")");
  CHECK(e.value.find("name")->offset() == resource_text.find("\"[concat"));
  const json::Value* ids = e.value.find("identity")->find("userAssignedIdentities");
  REQUIRE(ids->members().size() == 1);
  CHECK(ids->members()[0].key ==
        "[concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/', "
        "resourceGroup().name, '/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u')]");
  CHECK(js(*e.value.find("properties")) ==
        R"({"nics":[{"i":1},{"i":2}],"literal":"[notAnExpression]"})");
}

TEST_CASE("errors are returned per string and the string becomes unknown") {
  Harness h;
  const std::string text =
      R"({"a": "[substring('ab', 5)]", "b": "[concat('x', 'y')]", "c": "[concat(]"})";
  Evaluated e = h.scope->evaluate(parse_json(text));
  REQUIRE(e.errors.size() == 2);
  CHECK(e.errors[0].offset == text.find("\"[substring"));
  CHECK(e.errors[0].error.column == 2);
  CHECK(e.errors[1].error.kind == ErrorKind::Syntax);
  CHECK(e.value.find("a")->is_unknown());
  CHECK(js(*e.value.find("b")) == R"("xy")");
}

TEST_CASE("resource copy loops give the count and bind copyIndex()") {
  Harness h(R"({"parameters": {"n": {"type": "int"}}})");
  json::Value known = parse_json(R"({"copy": {"name": "c", "count": "[add(1, 2)]"}})");
  auto copy = h.scope->resource_copy(known);
  REQUIRE(copy);
  CHECK(copy->name == "c");
  CHECK(js(copy->count) == "3");
  json::Value unknown = parse_json(R"({"copy": {"name": "c", "count": "[parameters('n')]"}})");
  copy = h.scope->resource_copy(unknown);
  REQUIRE(copy);
  CHECK(copy->count.is_unknown());
  CHECK(js(h.value("[copyIndex(5)]", TemplateScope::bind(*copy, json::Value::integer(1)))) == "6");
  CHECK(h.value("[copyIndex()]", TemplateScope::bind(*copy, json::Value::unknown("any index")))
            .is_unknown());
  CHECK(h.error("[copyIndex()]") == "copyIndex() is used outside a copy loop");
  CHECK_FALSE(h.scope->resource_copy(parse_json("{}")));
}

TEST_CASE("user-defined functions") {
  const char* t = R"({
    "functions": [{"namespace": "ns", "members": {
      "greet": {"parameters": [{"name": "who", "type": "string"}],
                "output": {"type": "string", "value": "[format('hi {0}', parameters('who'))]"}},
      "wrap": {"parameters": [{"name": "x", "type": "int"}],
               "output": {"type": "object", "value": {"v": "[parameters('x')]", "g": "[ns.greet('w')]"}}}
    }}]
  })";
  Harness h(t);
  CHECK(js(h.value("[ns.greet('bob')]")) == R"("hi bob")");
  CHECK(js(h.value("[ns.wrap(7)]")) == R"({"v":7,"g":"hi w"})");
  CHECK(h.error("[ns.nope()]") == "unknown user-defined function 'ns.nope'");
  CHECK(h.error("[ns.greet()]") == "function 'ns.greet' expects 1 arguments, got 0");
}

TEST_CASE("nested deployments: inner scope gets its parameters, outer scope shares ours") {
  const char* t = R"({
    "parameters": {"outerP": {"type": "string", "defaultValue": "outer"}},
    "variables": {"v": "outer-var"},
    "resources": [
      {"type": "Microsoft.Resources/deployments", "name": "inner",
       "properties": {"expressionEvaluationOptions": {"scope": "inner"},
         "parameters": {"p": {"value": "[parameters('outerP')]"}, "s": {"reference": {"keyVault": {}}}},
         "template": {"parameters": {"p": {"type": "string"}, "s": {"type": "securestring"}},
                      "variables": {"v": "inner-var"}}}},
      {"type": "Microsoft.Resources/deployments", "name": "outer",
       "properties": {"template": {"variables": {"v": "ignored"}}}}
    ]
  })";
  Harness h(t);
  const json::Value& resources = *h.root->find("resources");
  std::vector<ExprError> errors;
  auto inner = h.scope->nested(resources.items()[0], {}, errors);
  REQUIRE(inner);
  CHECK(errors.empty());
  CHECK(js(inner->evaluate(json::Value::string("[parameters('p')]")).value) == R"("outer")");
  CHECK(js(inner->evaluate(json::Value::string("[variables('v')]")).value) == R"("inner-var")");
  CHECK(inner->evaluate(json::Value::string("[parameters('s')]")).value.is_unknown());
  auto outer = h.scope->nested(resources.items()[1], {}, errors);
  REQUIRE(outer);
  CHECK(js(outer->evaluate(json::Value::string("[variables('v')]")).value) == R"("outer-var")");
  // Evaluating the deployment resource itself leaves an inner-scoped template untouched.
  Evaluated e = h.scope->evaluate(resources.items()[0]);
  CHECK(js(*e.value.find("properties")->find("template")->find("variables")->find("v")) ==
        R"("inner-var")");
}

TEST_CASE("nested scopes share compiled expressions only where user functions resolve alike") {
  // Two instances of one inner-scoped template, an outer-scoped one (our functions), and an
  // inner-scoped one that declares its own ns.f.
  const char* t = R"({
    "functions": [{"namespace": "ns", "members": {
      "f": {"parameters": [], "output": {"type": "string", "value": "outer f"}}}}],
    "resources": [
      {"type": "Microsoft.Resources/deployments", "name": "plain",
       "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "template": {}}},
      {"type": "Microsoft.Resources/deployments", "name": "outer",
       "properties": {"template": {}}},
      {"type": "Microsoft.Resources/deployments", "name": "own",
       "properties": {"expressionEvaluationOptions": {"scope": "inner"},
         "template": {"functions": [{"namespace": "ns", "members": {
           "f": {"parameters": [], "output": {"type": "string", "value": "own f"}}}}]}}}
    ]
  })";
  Harness h(t);
  const json::Value& resources = *h.root->find("resources");
  std::vector<ExprError> errors;
  auto plain1 = h.scope->nested(resources.items()[0], {}, errors);
  auto plain2 = h.scope->nested(resources.items()[0], {}, errors);
  auto outer = h.scope->nested(resources.items()[1], {}, errors);
  auto own = h.scope->nested(resources.items()[2], {}, errors);
  REQUIRE((plain1 && plain2 && outer && own));
  EvalError error;
  // Instances of one template compile a text once.
  auto a = plain1->compile("[concat('a', 'b')]", error);
  CHECK(a);
  CHECK(a == plain2->compile("[concat('a', 'b')]", error));
  // The outer-scoped template calls our functions, so it shares our compiled texts.
  CHECK(h.scope->compile("[ns.f()]", error) == outer->compile("[ns.f()]", error));
  // Where ns.f is undeclared, or declared otherwise, the same text compiles on its own.
  EvalError missing;
  CHECK_FALSE(plain1->compile("[ns.f()]", missing));
  CHECK(missing.message == "unknown user-defined function 'ns.f'");
  CHECK(js(own->evaluate(json::Value::string("[ns.f()]")).value) == R"("own f")");
  CHECK(js(outer->evaluate(json::Value::string("[ns.f()]")).value) == R"("outer f")");
  CHECK(js(h.scope->evaluate(json::Value::string("[ns.f()]")).value) == R"("outer f")");
}

TEST_CASE("declarations: found by name in any case among many, through an index") {
  // 50,000 variables and parameters: each lookup goes through a name index (a linear scan per
  // lookup made checking every declaration quadratic: 100,000 variables took 19 s).
  std::string vars = R"("copy": [{"name": "disks", "count": 2, "input": "[copyIndex('disks')]"}])";
  std::string params;
  for (int i = 0; i < 50000; ++i) {
    vars += ",\"Var" + std::to_string(i) + "\": \"[concat('v', '" + std::to_string(i) + "')]\"";
    params += std::string(i ? "," : "") + "\"Param" + std::to_string(i) +
              "\": {\"type\": \"int\", \"defaultValue\": " + std::to_string(i) + "}";
  }
  Harness h("{\"parameters\": {" + params + "}, \"variables\": {" + vars + "}}");
  CHECK(h.scope->check_declarations().empty());
  CHECK(js(h.value("[variables('var49999')]")) == R"("v49999")");
  CHECK(js(h.value("[variables('VAR0')]")) == R"("v0")");
  CHECK(js(h.value("[parameters('param123')]")) == "123");
  // The "copy" array declares the copy loops, not a variable named copy.
  CHECK(js(h.value("[variables('disks')]")) == "[0,1]");
  CHECK(h.error("[variables('copy')]").rfind("variable 'copy' is not declared", 0) == 0);
  CHECK(h.error("[parameters('Param50000')]").rfind("parameter 'Param50000' is not declared", 0) ==
        0);
}

TEST_CASE("an expression's result is kept unless it reads the loop index or resources") {
  const char* t = R"({
    "parameters": {"p": {"type": "string", "defaultValue": "v"}},
    "variables": {"loopA": "[variables('loopB')]", "loopB": "[variables('loopA')]"}
  })";
  Harness h(t);
  Budget& budget = h.scope->budget();
  const uint64_t before = budget.operations_used();
  CHECK(js(h.value("[concat(parameters('p'), '-x')]")) == R"("v-x")");
  const uint64_t first = budget.operations_used() - before;
  CHECK(js(h.value("[concat(parameters('p'), '-x')]")) == R"("v-x")");
  // Kept, not evaluated again: only the string itself is walked.
  CHECK(budget.operations_used() - before - first == 1);
  CHECK(first > 1);

  // In a loop, what reads the index is evaluated per instance; the rest is kept.
  auto copy = h.scope->resource_copy(parse_json(R"({"copy": {"name": "c", "count": 3}})"));
  REQUIRE(copy);
  for (int64_t i = 0; i < 3; ++i) {
    const LoopBindings loops = TemplateScope::bind(*copy, json::Value::integer(i));
    CHECK(js(h.value("[concat(parameters('p'), string(copyIndex()))]", loops)) ==
          "\"v" + std::to_string(i) + "\"");
    CHECK(js(h.value("[concat(parameters('p'), '-x')]", loops)) == R"("v-x")");
  }

  // The cycle found while a variable is evaluated belongs there: the same string read later,
  // when both variables have values, is not that error again.
  CHECK(h.value("[variables('loopA')]").is_unknown());
  CHECK(h.eval("[variables('loopA')]").errors.empty());
  CHECK(h.eval("[variables('loopB')]").errors.empty());
}
