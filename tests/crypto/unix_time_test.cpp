#include "crypto/unix_time.hpp"

#include <catch2/catch.hpp>

using namespace cmk::crypto;

TEST_CASE("times print as RFC 3339 UTC and parse back from text or unix seconds") {
  CHECK(format_time(1'800'000'000) == "2027-01-15T08:00:00Z");
  CHECK(parse_time("2027-01-15T08:00:00Z") == 1'800'000'000);
  CHECK(parse_time("1800000000") == 1'800'000'000);
  CHECK_FALSE(parse_time(""));
  CHECK_FALSE(parse_time("2027-01-15"));
  CHECK_FALSE(parse_time("2027-01-15T08:00:00Zjunk"));
  CHECK_FALSE(parse_time("-5"));
}
