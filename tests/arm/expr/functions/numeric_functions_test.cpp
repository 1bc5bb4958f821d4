#include <catch2/catch.hpp>

#include "../test_support.hpp"

using namespace cmk::arm::expr::testing;

TEST_CASE("numeric functions") {
  CHECK(eval_json("[add(-1, 3)]") == "2");
  CHECK(eval_json("[sub(1, 3)]") == "-2");
  CHECK(eval_json("[mul(4, 5)]") == "20");
  CHECK(eval_json("[div(7, 2)]") == "3");
  CHECK(eval_json("[div(-7, 2)]") == "-3");
  CHECK(eval_json("[mod(-7, 2)]") == "-1");
  CHECK(eval_json("[int('42')]") == "42");
  CHECK(eval_json("[float('1.5')]") == "1.5");
  CHECK(eval_json("[max(createArray(1, 9, 3))]") == "9");
  CHECK(eval_json("[min(4, 2, 8)]") == "2");
  Harness h;
  CHECK(h.error("[div(1, 0)]") == "division by zero");
  CHECK(h.error("[add(9223372036854775807, 1)]") == "integer overflow");
}
