#include <catch2/catch.hpp>

#include "../test_support.hpp"

using namespace cmk::arm::expr::testing;

TEST_CASE("logical and comparison functions") {
  CHECK(eval_json("[and(true, true, false)]") == "false");
  CHECK(eval_json("[or(false, false)]") == "false");
  CHECK(eval_json("[not(false)]") == "true");
  CHECK(eval_json("[bool('TRUE')]") == "true");
  CHECK(eval_json("[bool(0)]") == "false");
  CHECK(eval_json("[if(equals(1, 1), 'y', fail('not reached'))]") == R"("y")");
  CHECK(eval_json("[coalesce(null(), null())]") == "null");
  CHECK(eval_json("[greater('b', 'a')]") == "true");
  CHECK(eval_json("[lessOrEquals(2, 2)]") == "true");
  CHECK(eval_json("[equals(json('1.0'), 1)]") == "true");
  CHECK(eval_json("[equals(createObject('a', 1), createObject('a', 2))]") == "false");
}
