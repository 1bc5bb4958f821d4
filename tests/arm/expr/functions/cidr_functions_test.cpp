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
  CHECK(eval_json("[map(range(0, 5), lambda('i', cidrSubnet('10.144.0.0/20', 24, "
                  "lambdaVariables('i'))))]") ==
        R"(["10.144.0.0/24","10.144.1.0/24","10.144.2.0/24","10.144.3.0/24","10.144.4.0/24"])");
  CHECK(eval_json(
            "[map(range(0, 5), lambda('i', cidrHost('10.144.3.0/24', lambdaVariables('i'))))]") ==
        R"(["10.144.3.1","10.144.3.2","10.144.3.3","10.144.3.4","10.144.3.5"])");
  // The cidrHost description's example: host 0 of 192.168.1.0/24 is 192.168.1.1, and the last
  // usable address is 192.168.1.254 (the broadcast address is held back).
  CHECK(eval_json("[cidrHost('192.168.1.0/24', 0)]") == R"("192.168.1.1")");
  CHECK(eval_json("[cidrHost('192.168.1.0/24', 253)]") == R"("192.168.1.254")");
  CHECK(eval_json("[parseCidr('10.0.0.7/31')]") ==
        R"({"network":"10.0.0.6","netmask":"255.255.255.254","broadcast":"10.0.0.7",)"
        R"("firstUsable":"10.0.0.6","lastUsable":"10.0.0.7","cidr":31})");
  CHECK(eval_json("[cidrHost('10.0.0.6/31', 1)]") == R"("10.0.0.7")");
}

TEST_CASE("CIDR functions on IPv6 networks match the reference page") {
  CHECK(
      eval_json("[parseCidr('fdad:3236:5555::/48')]") ==
      R"({"network":"fdad:3236:5555::","netmask":"ffff:ffff:ffff::",)"
      R"("firstUsable":"fdad:3236:5555::","lastUsable":"fdad:3236:5555:ffff:ffff:ffff:ffff:ffff",)"
      R"("cidr":48})");
  CHECK(eval_json("[map(range(0, 5), lambda('i', cidrSubnet('fdad:3236:5555::/48', 52, "
                  "lambdaVariables('i'))))]") ==
        R"(["fdad:3236:5555::/52","fdad:3236:5555:1000::/52","fdad:3236:5555:2000::/52",)"
        R"("fdad:3236:5555:3000::/52","fdad:3236:5555:4000::/52"])");
  CHECK(eval_json("[map(range(0, 5), lambda('i', cidrHost('fdad:3236:5555:3000::/52', "
                  "lambdaVariables('i'))))]") ==
        R"(["fdad:3236:5555:3000::1","fdad:3236:5555:3000::2","fdad:3236:5555:3000::3",)"
        R"("fdad:3236:5555:3000::4","fdad:3236:5555:3000::5"])");
  // Host bits are cleared, upper case is read, output is lower case; a lone zero group is not
  // shortened to "::" (RFC 5952).
  CHECK(eval_json("[parseCidr('3FFE:FFFF:0:CD30:0:0:0:1/64').network]") ==
        R"("3ffe:ffff:0:cd30::")");
  CHECK(eval_json("[parseCidr('3FFE:FFFF:0:CD30::/64').lastUsable]") ==
        R"("3ffe:ffff:0:cd30:ffff:ffff:ffff:ffff")");
  CHECK(eval_json("[cidrSubnet('fd00::/8', 128, 1)]") == R"("fd00::1/128")");
  CHECK(eval_json("[cidrHost('fd00::/127', 0)]") == R"("fd00::1")");
  Harness h;
  CHECK(h.error("[cidrHost('fd00::/127', 1)]") == "host index 1 is out of range 0..0");
  CHECK(h.error("[cidrHost('fd00::/128', 0)]") ==
        "host index 0 is out of range (the network has no host address)");
  CHECK(h.error("[cidrHost('fd00::/64', -1)]") ==
        "host index -1 is out of range 0..18446744073709551614");
  CHECK(h.error("[cidrSubnet('fd00::/48', 52, 16)]") == "subnet index 16 is out of range 0..15");
  CHECK(h.error("[cidrSubnet('fd00::/48', 129, 0)]") ==
        "the new CIDR prefix 129 must be between 48 and 128");
  CHECK(h.error("[parseCidr('fd00::g/64')]") == "'fd00::g/64' is not an IPv4 or IPv6 CIDR network");
  CHECK(h.error("[parseCidr('10.0.0.0/33')]") ==
        "'10.0.0.0/33' is not an IPv4 or IPv6 CIDR network");
  CHECK(h.error("[parseCidr('10.0.0.0')]") == "'10.0.0.0' is not an IPv4 or IPv6 CIDR network");
}

TEST_CASE("CIDR functions reject addresses Azure rejects") {
  // Leading white space, a sign inside an octet and leading zeros (which some parsers read as
  // octal) are not an address; inet_pton refuses them as Azure does.
  Harness h;
  CHECK(h.error("[parseCidr(' 10.1.2.3/8')]") ==
        "' 10.1.2.3/8' is not an IPv4 or IPv6 CIDR network");
  CHECK(h.error("[cidrSubnet('10.+1.0.0/16', 24, 0)]") ==
        "'10.+1.0.0/16' is not an IPv4 or IPv6 CIDR network");
  CHECK(h.error("[cidrHost('010.001.0.0/16', 0)]") ==
        "'010.001.0.0/16' is not an IPv4 or IPv6 CIDR network");
  CHECK(h.error("[parseCidr('10.1.2.3/8 ')]") ==
        "'10.1.2.3/8 ' is not an IPv4 or IPv6 CIDR network");
  CHECK(h.error("[parseCidr('10.1.2.3/+8')]") ==
        "'10.1.2.3/+8' is not an IPv4 or IPv6 CIDR network");
  CHECK(h.error("[parseCidr('1.2.3/8')]") == "'1.2.3/8' is not an IPv4 or IPv6 CIDR network");
  CHECK(h.error("[parseCidr('fd00::1::/64')]") ==
        "'fd00::1::/64' is not an IPv4 or IPv6 CIDR network");
}
