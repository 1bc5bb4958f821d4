// Microsoft's documented examples: the function example templates of azure-docs-json-samples
// (shared corpus) evaluated, compared with the outputs the ARM function reference pages list
// ("The output from the preceding example with the default values is: ...").

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../test_support.hpp"  // the suite-wide helpers (shared_path, read_text)
#include "test_support.hpp"

using namespace cmk;
using namespace cmk::arm::expr;
using namespace cmk::arm::expr::testing;

namespace {

// Microsoft's function examples, under the shared data directory.
constexpr const char* kFunctionSamples = "corpus/docs-samples/azure-resource-manager/functions";

struct Expected {
  const char* file;    // under docs-samples/azure-resource-manager/functions/
  const char* output;  // output name
  const char* value;   // expected value as JSON
};

// Values copied from the reference pages' output tables (template-functions-*.md).
const Expected kExpected[] = {
    {"array/array.json", "intOutput", "[1]"},
    {"array/array.json", "stringOutput", R"(["efgh"])"},
    {"array/array.json", "objectOutput", R"([{"a": "b", "c": "d"}])"},
    {"array/concat-array.json", "return", R"(["1-1", "1-2", "1-3", "2-1", "2-2", "2-3"])"},
    {"array/contains.json", "stringTrue", "true"},
    {"array/contains.json", "stringFalse", "false"},
    {"array/contains.json", "objectTrue", "true"},
    {"array/contains.json", "objectFalse", "false"},
    {"array/contains.json", "arrayTrue", "true"},
    {"array/contains.json", "arrayFalse", "false"},
    {"array/createarray.json", "stringArray", R"(["a", "b", "c"])"},
    {"array/createarray.json", "intArray", "[1, 2, 3]"},
    {"array/createarray.json", "objectArray", R"([{"one": "a", "two": "b", "three": "c"}])"},
    {"array/createarray.json", "arrayArray", R"([["one", "two", "three"]])"},
    {"array/createarray.json", "emptyArray", "[]"},
    {"array/empty.json", "arrayEmpty", "true"},
    {"array/empty.json", "objectEmpty", "true"},
    {"array/empty.json", "stringEmpty", "true"},
    {"array/first.json", "arrayOutput", R"("one")"},
    {"array/first.json", "stringOutput", R"("O")"},
    {"array/intersection.json", "objectOutput", R"({"one": "a", "three": "c"})"},
    {"array/intersection.json", "arrayOutput", R"(["two", "three"])"},
    {"array/last.json", "arrayOutput", R"("three")"},
    {"array/last.json", "stringOutput", R"("e")"},
    {"array/length.json", "arrayLength", "3"},
    {"array/length.json", "stringLength", "13"},
    {"array/length.json", "objectLength", "4"},
    {"array/range.json", "rangeOutput", "[5, 6, 7]"},
    {"array/skip.json", "arrayOutput", R"(["three"])"},
    {"array/skip.json", "stringOutput", R"("two three")"},
    {"array/take.json", "arrayOutput", R"(["one", "two"])"},
    {"array/take.json", "stringOutput", R"("on")"},
    {"array/union.json", "objectOutput",
     R"({"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"})"},
    {"array/union.json", "arrayOutput", R"(["one", "two", "three", "four"])"},
    {"comparison/coalesce.json", "stringOutput", R"("default")"},
    {"comparison/coalesce.json", "intOutput", "1"},
    {"comparison/coalesce.json", "objectOutput", R"({"first": "default"})"},
    {"comparison/coalesce.json", "arrayOutput", "[1]"},
    {"comparison/coalesce.json", "emptyOutput", "true"},
    {"comparison/equals.json", "checkInts", "true"},
    // The sample compares 'demo' with 'Demo'; equals() is case-sensitive (Bicep's ==).
    {"comparison/equals.json", "checkStrings", "false"},
    {"comparison/equals.json", "checkArrays", "true"},
    {"comparison/equals.json", "checkObjects", "true"},
    {"comparison/greater.json", "checkInts", "false"},
    {"comparison/greater.json", "checkStrings", "true"},
    {"comparison/greaterorequals.json", "checkInts", "false"},
    {"comparison/greaterorequals.json", "checkStrings", "true"},
    {"comparison/less.json", "checkInts", "true"},
    {"comparison/less.json", "checkStrings", "false"},
    {"comparison/lessorequals.json", "checkInts", "true"},
    {"comparison/lessorequals.json", "checkStrings", "false"},
    {"deployment/parameters.json", "stringOutput", R"("option 1")"},
    {"deployment/parameters.json", "intOutput", "1"},
    {"deployment/parameters.json", "objectOutput", R"({"one": "a", "two": "b"})"},
    {"deployment/parameters.json", "arrayOutput", "[1, 2, 3]"},
    {"deployment/parameters.json", "crossOutput", R"("option 1")"},
    {"deployment/variables.json", "exampleOutput1", R"("myVariable")"},
    {"deployment/variables.json", "exampleOutput2", "[1, 2, 3, 4]"},
    {"deployment/variables.json", "exampleOutput3", R"("myVariable")"},
    {"deployment/variables.json", "exampleOutput4",
     R"({"property1": "value1", "property2": "value2"})"},
    {"logical/andornot.json", "andExampleOutput", "false"},
    {"logical/andornot.json", "orExampleOutput", "true"},
    {"logical/andornot.json", "notExampleOutput", "false"},
    {"logical/bool.json", "trueString", "true"},
    {"logical/bool.json", "falseString", "false"},
    {"logical/bool.json", "trueInt", "true"},
    {"logical/bool.json", "falseInt", "false"},
    {"logical/false.json", "falseOutput", "false"},
    {"logical/if.json", "yesOutput", R"("yes")"},
    {"logical/if.json", "noOutput", R"("no")"},
    {"logical/if.json", "objectOutput", R"({"test": "value1"})"},
    {"logical/not-equals.json", "checkNotEquals", "true"},
    {"logical/true.json", "trueOutput", "true"},
    {"numeric/add.json", "addResult", "8"},
    {"numeric/div.json", "divResult", "2"},
    {"numeric/int.json", "intResult", "4"},
    {"numeric/max.json", "arrayOutput", "5"},
    {"numeric/max.json", "intOutput", "5"},
    {"numeric/min.json", "arrayOutput", "0"},
    {"numeric/min.json", "intOutput", "0"},
    {"numeric/mod.json", "modResult", "1"},
    {"numeric/mul.json", "mulResult", "45"},
    {"numeric/sub.json", "subResult", "4"},
    {"object/createobject.json", "newObject",
     R"({"intProp": 1, "stringProp": "abc", "boolProp": true, "arrayProp": ["a", "b", "c"],
         "objectProp": {"key1": "value1"}})"},
    {"object/json.json", "emptyObjectOutput", "true"},
    {"object/json.json", "objectOutput", R"({"a": "b"})"},
    {"object/json.json", "stringOutput", R"("test")"},
    {"object/json.json", "booleanOutput", "true"},
    {"object/json.json", "intOutput", "3"},
    {"object/json.json", "arrayOutput", "[1, 2, 3]"},
    {"object/json.json", "concatObjectOutput", R"({"a": "demo value"})"},
    {"object/null.json", "emptyOutput", "true"},
    {"resource/pickzones.json", "supported", R"(["1"])"},
    {"resource/pickzones.json", "notSupportedRegion", "[]"},
    {"resource/pickzones.json", "notSupportedType", "[]"},
    {"string/base64.json", "base64Output", R"("b25lLCB0d28sIHRocmVl")"},
    {"string/base64.json", "toStringOutput", R"("one, two, three")"},
    {"string/base64.json", "toJsonOutput", R"({"one": "a", "two": "b"})"},
    {"string/datauri.json", "dataUriOutput", R"("data:text/plain;charset=utf8;base64,SGVsbG8=")"},
    {"string/datauri.json", "toStringOutput", R"("Hello, World!")"},
    {"string/format.json", "formatTest", R"("Hello, User. Formatted number: 8,175,133")"},
    {"string/indexof.json", "firstT", "0"},
    {"string/indexof.json", "lastT", "3"},
    {"string/indexof.json", "firstString", "2"},
    {"string/indexof.json", "lastString", "0"},
    {"string/indexof.json", "notFound", "-1"},
    {"string/join.json", "firstOutput", R"("one,two,three")"},
    {"string/join.json", "secondOutput", R"("one;two;three")"},
    {"string/padleft.json", "stringOutput", R"("0000000123")"},
    {"string/replace.json", "firstOutput", R"("1231231234")"},
    {"string/replace.json", "secondOutput", R"("123-123-xxxx")"},
    {"string/split.json", "firstOutput", R"(["one", "two", "three"])"},
    {"string/split.json", "secondOutput", R"(["one", "two", "three"])"},
    {"string/startsendswith.json", "startsTrue", "true"},
    {"string/startsendswith.json", "startsCapTrue", "true"},
    {"string/startsendswith.json", "startsFalse", "false"},
    {"string/startsendswith.json", "endsTrue", "true"},
    {"string/startsendswith.json", "endsCapTrue", "true"},
    {"string/startsendswith.json", "endsFalse", "false"},
    {"string/string.json", "objectOutput", R"("{\"valueA\":10,\"valueB\":\"Example Text\"}")"},
    {"string/string.json", "arrayOutput", R"("[\"a\",\"b\",\"c\"]")"},
    {"string/string.json", "intOutput", R"("5")"},
    {"string/substring.json", "substringOutput", R"("two")"},
    {"string/tolower.json", "toLowerOutput", R"("one two three")"},
    {"string/tolower.json", "toUpperOutput", R"("ONE TWO THREE")"},
    {"string/trim.json", "return", R"("one two three")"},
    {"string/uri.json", "uriOutput", R"("http://contoso.com/resources/nested/azuredeploy.json")"},
    {"string/uri.json", "componentOutput",
     R"("http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json")"},
    {"string/uri.json", "toStringOutput",
     R"("http://contoso.com/resources/nested/azuredeploy.json")"},
    // resourceid.json, evaluated with subscription 00000000-0000-0000-0000-000000000000 and
    // resource group "examplegroup" (the page shows the same shapes with real IDs).
    {"resource/resourceid.json", "sameRGOutput",
     R"("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/examplegroup/providers/Microsoft.Storage/storageAccounts/examplestorage")"},
    {"resource/resourceid.json", "differentRGOutput",
     R"("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/examplestorage")"},
    {"resource/resourceid.json", "differentSubOutput",
     R"("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/examplestorage")"},
    {"resource/resourceid.json", "nestedResourceOutput",
     R"("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/examplegroup/providers/Microsoft.SQL/servers/serverName/databases/databaseName")"},
};

}  // namespace

TEST_CASE("Microsoft's documented function examples evaluate to the documented outputs", "[docs]") {
  const auto found = test::shared_path(kFunctionSamples);
  if (!found) return;
  const std::filesystem::path& dir = *found;
  TemplateScope::Options options;
  options.deployment.subscription_id = "00000000-0000-0000-0000-000000000000";
  options.deployment.resource_group = "examplegroup";
  size_t checked = 0;
  for (const Expected& e : kExpected) {
    Harness h(test::read_text(dir / e.file), options);
    const json::Value* output = h.root->find("outputs")->find(e.output);
    REQUIRE(output);
    Evaluated result = h.scope->evaluate(*output->find("value"));
    INFO(e.file << " " << e.output << " = " << js(result.value));
    CHECK(result.errors.empty());
    CHECK(deep_equals(result.value, parse_json(e.value)) == Tri::True);
    ++checked;
  }
  CHECK(checked == std::size(kExpected));
}

TEST_CASE("documented examples that depend on the deployment stay symbolic or unknown", "[docs]") {
  const auto found = test::shared_path(kFunctionSamples);
  if (!found) return;
  const std::filesystem::path& dir = *found;
  Harness concat(test::read_text(dir / "string/concat-string.json"));
  json::Value v =
      concat.scope->evaluate(*concat.root->find("outputs")->find("concatOutput")->find("value"))
          .value;
  REQUIRE(v.is_symbolic());
  CHECK(v.symbolic_info().name ==
        "concat('prefix-', uniqueString(concat('/subscriptions/', subscription().subscriptionId, "
        "'/resourceGroups/', resourceGroup().name)))");
  Harness now(test::read_text(dir / "date/utcnow.json"));
  v = now.scope->evaluate(*now.root->find("outputs")->find("utcOutput")->find("value")).value;
  REQUIRE(v.is_symbolic());
  CHECK(v.symbolic_info().name == "utcNow()");
  v = now.scope->evaluate(*now.root->find("outputs")->find("utcShortOutput")->find("value")).value;
  REQUIRE(v.is_symbolic());
  CHECK(v.symbolic_info().name == "utcNow('d')");
}
