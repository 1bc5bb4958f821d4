#include <catch2/catch.hpp>

#include "../test_support.hpp"

using namespace cmk::arm::expr::testing;

TEST_CASE("object functions") {
  CHECK(eval_json("[createObject('a', 1, 'b', createArray())]") == R"({"a":1,"b":[]})");
  CHECK(eval_json("[objectKeys(createObject('b', 1, 'a', 2))]") == R"(["b","a"])");
  CHECK(eval_json("[items(createObject('b', 1, 'a', 2))]") ==
        R"([{"key":"a","value":2},{"key":"b","value":1}])");
  CHECK(eval_json("[shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), "
                  "createObject('n', createObject('y', 2))))]") == R"({"a":1,"n":{"y":2}})");
  CHECK(eval_json("[tryGet(createObject('a', createObject('b', 1)), 'a', 'b')]") == "1");
  CHECK(eval_json("[tryGet(createObject('a', 1), 'a', 'b')]") == "null");
  CHECK(eval_json("[tryGet(createArray(5, 6), 1)]") == "6");
  CHECK(eval_json("[tryGet(null(), 'x')]") == "null");
  CHECK(eval_json("[null()]") == "null");
}

TEST_CASE("tryGet follows the reference page's examples and Bicep's from-end indexes") {
  Harness h(
      R"({"variables": {"users": {"name": "John Doe", "age": 30}, "colors": ["red", "green"]}})");
  CHECK(js(h.value("[tryGet(variables('users'), 'region')]")) == "null");
  CHECK(js(h.value("[tryGet(variables('users'), 'name')]")) == R"("John Doe")");
  CHECK(js(h.value("[tryGet(variables('colors'), 0)]")) == R"("red")");
  CHECK(js(h.value("[tryGet(variables('colors'), 2)]")) == "null");
  CHECK(js(h.value("[tryGet(variables('colors'), createObject('value', 1, 'fromEnd', true()))]")) ==
        R"("green")");
  CHECK(js(h.value("[tryGet(variables('colors'), createObject('value', 3, 'fromEnd', true()))]")) ==
        "null");
}
