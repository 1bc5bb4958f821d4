// Work the evaluator saves on symbolic values (composite parts kept per scope, a symbolic
// resource name split once) must give what the direct computation gives.

#include <catch2/catch.hpp>

#include "arm/expr/symbolic_text.hpp"
#include "arm/model_resolver.hpp"
#include "test_support.hpp"

using namespace cmk;
using namespace cmk::arm::expr;
using namespace cmk::arm::expr::testing;

namespace {

bool same_parts(const std::optional<std::vector<SymbolicPart>>& a,
                const std::vector<SymbolicPart>* b) {
  if (!a || !b) return !a && !b;
  if (a->size() != b->size()) return false;
  for (size_t i = 0; i < a->size(); ++i) {
    if ((*a)[i].symbolic != (*b)[i].symbolic || (*a)[i].text != (*b)[i].text) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("the composite cache gives what composite_parts gives") {
  CompositeCache cache;
  const std::vector<std::string> names = {
      "concat('kv-', uniqueString(resourceGroup().id))",
      "concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/', "
      "resourceGroup().name, '/providers/Microsoft.KeyVault/vaults/it''s')",
      "uniqueString(resourceGroup().id)",
      "concat('a', b)[0]",    // not a concat() call as a whole
      "concat('a', ",         // does not parse
      "concatenate('a', x)",  // another function
      "concat()",
  };
  for (const std::string& name : names) {
    INFO(name);
    const std::vector<SymbolicPart>* first = cache.parts(name);
    CHECK(same_parts(composite_parts(name), first));
    CHECK(cache.parts(name) == first);  // kept, not parsed again
  }
}

TEST_CASE("symbolic text and text builders read composites through the cache alike") {
  CompositeCache cache;
  const json::Value id = json::Value::symbolic(
      "concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/', "
      "resourceGroup().name, '/providers/Microsoft.KeyVault/vaults/kv-', "
      "uniqueString(resourceGroup().id))");
  for (int round = 0; round < 2; ++round) {
    TextBuilder plain, cached(&cache);
    for (TextBuilder* b : {&plain, &cached}) {
      b->add_text("x/");
      b->add(id);
      b->add(json::Value::symbolic("concat('/keys/', toLower(resourceGroup().name))"));
    }
    CHECK(plain.finish() == cached.finish());
    const auto direct = SymbolicText::of(id);
    const auto through = SymbolicText::of(id, &cache);
    CHECK(direct->value() == through->value());
    CHECK(to_compact_json(json::Value::array(*direct->split({"/"}))) ==
          to_compact_json(json::Value::array(*through->split({"/"}))));
  }
}

TEST_CASE("evaluate_bound passes values to lambdaVariables() as they are") {
  Harness h;
  const json::Value unique = json::Value::symbolic("reference('x').principalId", 7, true);
  Evaluated e = h.scope->evaluate_bound("[lambdaVariables('v')]", {{"v", unique}});
  REQUIRE(e.errors.empty());
  REQUIRE(e.value.is_symbolic());
  CHECK(e.value.symbolic_info().unique);
  CHECK(e.value.symbolic_info().name == "reference('x').principalId");
  e = h.scope->evaluate_bound("[concat(lambdaVariables('a'), '-', lambdaVariables('b'))]",
                              {{"a", json::Value::string("p")}, {"b", json::Value::integer(2)}});
  CHECK(js(e.value) == R"("p-2")");
}

TEST_CASE("a symbolic resource name gives the ID resourceId() of its split() gives") {
  struct Case {
    std::string type;
    std::string name;  // an expression giving the resource's full name
  };
  const std::vector<Case> cases = {
      {"Microsoft.KeyVault/vaults", "concat('kv-', uniqueString(resourceGroup().id))"},
      {"Microsoft.KeyVault/vaults/keys", "concat('kv-', uniqueString(resourceGroup().id), '/k')"},
      {"Microsoft.KeyVault/vaults/keys",
       "concat(resourceGroup().name, '/', toLower(uniqueString(resourceGroup().id)))"},
      // Fewer pieces than the type has names: no ID from split().
      {"Microsoft.KeyVault/vaults/keys", "concat('kv-', uniqueString(resourceGroup().id))"},
      // A symbolic piece that may hold '/': split() cannot take it apart.
      {"Microsoft.KeyVault/vaults/keys", "concat('kv/', subscription().displayName)"},
      {"Microsoft.Sql/servers/databases/transparentDataEncryption",
       "concat('sql-', uniqueString(resourceGroup().id), '/db/current')"},
  };
  for (const Case& c : cases) {
    INFO(c.type << " " << c.name);
    Harness h;
    const json::Value name = h.value("[" + c.name + "]");
    REQUIRE(name.is_symbolic());
    // The ID as written before: split() evaluated once per name segment.
    std::string segments;
    const size_t names = static_cast<size_t>(std::count(c.type.begin(), c.type.end(), '/'));
    for (size_t i = 0; i < names; ++i) {
      segments += ", split(" + render_as_expression(name) + ", '/')[" + std::to_string(i) + "]";
    }
    Harness reference;
    const Evaluated expected = reference.eval("[resourceId('" + c.type + "'" + segments + ")]");
    const json::Value id = arm::declared_resource_id(*h.scope, c.type, {"[" + c.name + "]"}, name);
    if (expected.errors.empty() && (expected.value.is_string() || expected.value.is_symbolic())) {
      CHECK(id == expected.value);
    } else {
      // Then the name as written is used, which here gives the same computation.
      const json::Value written = h.value("[resourceId('" + c.type + "', " + c.name + ")]");
      CHECK(id == (written.is_symbolic() || written.is_string() ? written : json::Value::null()));
    }
  }
}

TEST_CASE("a string resource name gives the ID resourceId() of its segments gives") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Microsoft.KeyVault/vaults", "kv"},
      {"Microsoft.KeyVault/vaults/keys", "kv/k"},
      {"Microsoft.KeyVault/vaults/keys", "it's/a ]key["},
      {"Microsoft.KeyVault/vaults/keys", "kv/"},
      {"Microsoft.KeyVault/vaults/keys", "kv"},  // too few segments: null
      {"Microsoft.KeyVault/vaults", ""},
      {"Microsoft.Storage/storageAccounts/blobServices/containers", "st/default/c"},
  };
  for (const auto& [type, name] : cases) {
    INFO(type << " " << name);
    std::string segments;
    for (size_t start = 0;;) {
      const size_t slash = name.find('/', start);
      segments += ", " + quote(name.substr(start, slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    Harness reference;
    const Evaluated expected = reference.eval("[resourceId('" + type + "'" + segments + ")]");
    Harness h;
    const json::Value id =
        arm::declared_resource_id(*h.scope, type, {name}, json::Value::string(name));
    if (expected.errors.empty() && (expected.value.is_string() || expected.value.is_symbolic())) {
      CHECK(id == expected.value);
    } else {
      CHECK(id.is_null());
    }
  }
}
