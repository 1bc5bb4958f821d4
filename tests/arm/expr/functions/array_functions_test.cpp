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
