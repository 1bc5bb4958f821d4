#include <catch2/catch.hpp>

#include "../test_support.hpp"

using namespace cmk::arm::expr::testing;

TEST_CASE("CIDR functions") {
  // Examples from the reference page (template-functions-cidr).
  CHECK(eval_json("[parseCidr('10.144.0.0/20')]") ==
        R"({"network":"10.144.0.0","netmask":"255.255.240.0","broadcast":"10.144.15.255",)"
        R"("firstUsable":"10.144.0.1","lastUsable":"10.144.15.254","cidr":20})");
  CHECK(eval_json("[cidrSubnet('10.144.0.0/20', 24, 3)]") == R"("10.144.3.0/24")");
  CHECK(eval_json("[cidrHost('10.144.3.0/24', 0)]") == R"("10.144.3.1")");
  CHECK(eval_json("[map(range(0, 3), lambda('i', cidrSubnet('10.144.0.0/20', 24, "
                  "lambdaVariables('i'))))]") ==
        R"(["10.144.0.0/24","10.144.1.0/24","10.144.2.0/24"])");
  Harness h;
  CHECK(h.value("[parseCidr('fdad:3236:5555::/48')]").is_unknown());
}
