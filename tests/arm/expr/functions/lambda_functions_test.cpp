#include <catch2/catch.hpp>

#include "../test_support.hpp"

using namespace cmk::arm::expr::testing;

TEST_CASE("lambda functions") {
  CHECK(eval_json("[filter(range(0, 6), lambda('x', equals(mod(lambdaVariables('x'), 2), 0)))]") ==
        "[0,2,4]");
  CHECK(eval_json("[map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), "
                  "string(lambdaVariables('i')))))]") == R"(["a0","b1"])");
  CHECK(eval_json("[reduce(range(1, 4), 0, lambda('acc', 'x', add(lambdaVariables('acc'), "
                  "lambdaVariables('x'))))]") == "10");
  CHECK(eval_json("[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), "
                  "lambdaVariables('b'))))]") == "[1,2,3]");
  CHECK(eval_json("[toObject(createArray('a', 'b'), lambda('x', lambdaVariables('x')), "
                  "lambda('x', toUpper(lambdaVariables('x'))))]") == R"({"a":"A","b":"B"})");
  CHECK(
      eval_json("[mapValues(createObject('a', 1), lambda('v', mul(lambdaVariables('v'), 10)))]") ==
      R"({"a":10})");
  CHECK(eval_json("[groupBy(createArray('ab', 'ac', 'b'), lambda('x', take(lambdaVariables('x'), "
                  "1)))]") == R"({"a":["ab","ac"],"b":["b"]})");
  Harness h(R"({"parameters": {"p": {"type": "array"}}})");
  CHECK(h.value("[map(parameters('p'), lambda('x', 1))]").is_unknown());
  CHECK(h.error("[lambdaVariables('nope')]") == "lambda variable 'nope' is not declared");
}
