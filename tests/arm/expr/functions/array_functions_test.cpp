#include <catch2/catch.hpp>

#include "../test_support.hpp"

using namespace cmk::arm::expr::testing;

TEST_CASE("array functions") {
  CHECK(eval_json("[concat(createArray(1), createArray(2, 3))]") == "[1,2,3]");
  CHECK(eval_json("[union(createArray(1, 2), createArray(2, 3))]") == "[1,2,3]");
  CHECK(eval_json("[intersection(createArray(1, 2, 3), createArray(3, 2))]") == "[2,3]");
  CHECK(eval_json("[first(createArray())]") == "null");
  CHECK(eval_json("[last(createArray(1, 2))]") == "2");
  CHECK(eval_json("[take(createArray(1, 2, 3), -1)]") == "[]");
  CHECK(eval_json("[skip(createArray(1, 2, 3), 5)]") == "[]");
  CHECK(eval_json("[range(0, 3)]") == "[0,1,2]");
  CHECK(eval_json("[flatten(createArray(createArray(1), createArray(2, 3)))]") == "[1,2,3]");
  CHECK(eval_json("[indexOf(createArray('a', 'b'), 'b')]") == "1");
  CHECK(eval_json("[lastIndexOf(createArray(1, 2, 1), 1)]") == "2");
  CHECK(eval_json("[contains(createArray(createObject('a', 1)), createObject('A', 1))]") == "true");
  CHECK(eval_json("[array('x')]") == R"(["x"])");
  CHECK(eval_json("[empty(null())]") == "true");
  CHECK(eval_json("[union(createObject('a', createObject('x', 1, 'y', 2)), "
                  "createObject('a', createObject('y', 3)))]") == R"({"a":{"x":1,"y":3}})");
}

TEST_CASE("indexFromEnd and tryIndexFromEnd count from 1 at the last element") {
  // The reference page's examples (template-functions-array: indexFromEnd, tryIndexFromEnd).
  Harness h(R"({"variables": {"items": ["apple", "banana", "orange", "grape"]}})");
  CHECK(js(h.value("[indexFromEnd(variables('items'), 2)]")) == R"("orange")");
  CHECK(js(h.value("[tryIndexFromEnd(variables('items'), 2)]")) == R"("orange")");
  CHECK(js(h.value("[tryIndexFromEnd(variables('items'), 5)]")) == "null");
  CHECK(js(h.value("[indexFromEnd(variables('items'), 1)]")) == R"("grape")");
  CHECK(js(h.value("[tryIndexFromEnd(variables('items'), 0)]")) == "null");
  CHECK(h.error("[indexFromEnd(variables('items'), 5)]") ==
        "index 5 from the end is out of range for an array of length 4");
  CHECK(h.error("[indexFromEnd(variables('items'), 0)]") ==
        "index 0 from the end is out of range for an array of length 4");
  CHECK(h.error("[indexFromEnd('abc', 1)]") ==
        "function 'indexFromEnd' expects argument 1 to be an Array, got String");
  // Bicep compiles a[?^2].name to tryIndexFromEnd(a, 2, 'name') and a[?^1][^1] to
  // tryIndexFromEnd(a, 1, {value: 1, fromEnd: true}).
  CHECK(eval_json("[tryIndexFromEnd(createArray(createObject('name', 'a'), createObject('name', "
                  "'b')), 2, 'name')]") == R"("a")");
  CHECK(eval_json("[tryIndexFromEnd(createArray(createObject('x', 1)), 1, 'name')]") == "null");
  CHECK(eval_json("[tryIndexFromEnd(createArray(createArray(1, 2, 3)), 1, createObject('value', "
                  "1, 'fromEnd', true()))]") == "3");
  CHECK(eval_json("[tryIndexFromEnd(createArray(createArray(1, 2, 3)), 1, createObject('value', "
                  "1))]") == "2");
  // An unknown element elsewhere does not make the chosen one unknown.
  Harness p(R"({"parameters": {"p": {"type": "string"}}})");
  CHECK(js(p.value("[indexFromEnd(createArray(1, parameters('p')), 2)]")) == "1");
  CHECK(p.value("[indexFromEnd(createArray(1, parameters('p')), 1)]").is_unknown());
}
