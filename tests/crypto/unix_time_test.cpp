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

TEST_CASE("a time that is not on the calendar or the clock is no time") {
  // strptime and timegm took these and moved them on (2027-03-02, the next minute).
  CHECK_FALSE(parse_time("2027-02-30T00:00:00Z"));
  CHECK_FALSE(parse_time("2027-01-15T08:00:60Z"));
  CHECK_FALSE(parse_time("2027-01-15T24:00:00Z"));
  CHECK_FALSE(parse_time(" 2027-01-15T08:00:00Z"));
  CHECK(parse_time("2028-02-29T23:59:59Z") == 1'835'481'599);
  CHECK(format_time(0) == "1970-01-01T00:00:00Z");
  CHECK(format_time(-1) == "1969-12-31T23:59:59Z");
}
