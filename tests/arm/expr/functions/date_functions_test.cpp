#include <catch2/catch.hpp>

#include "../test_support.hpp"

using namespace cmk;
using namespace cmk::arm::expr::testing;

TEST_CASE("date functions") {
  // dateTimeAdd returns the date in ISO 8601 (the reference page shows PowerShell's display of
  // it, 4/7/2023 2:53:14 PM for the first case).
  CHECK(eval_json("[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')]") == R"("2023-04-07T14:53:14Z")");
  CHECK(eval_json("[dateTimeAdd('2020-04-07 14:53:14Z', '-P9D')]") == R"("2020-03-29T14:53:14Z")");
  CHECK(eval_json("[dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H')]") == R"("2020-04-07T15:53:14Z")");
  CHECK(eval_json("[dateTimeAdd('2020-01-31T00:00:00Z', 'P1M', 'yyyy-MM-dd')]") ==
        R"("2020-03-01")");
  CHECK(eval_json("[dateTimeFromEpoch(1683040573)]") == R"("2023-05-02T15:16:13Z")");
  CHECK(eval_json("[dateTimeToEpoch('2023-05-02T15:16:13Z')]") == "1683040573");
  CHECK(eval_json("[dateTimeAdd('2020-04-07T14:53:14Z', 'PT30M', 'u')]") ==
        R"("2020-04-07 15:23:14Z")");
  Harness h;
  CHECK(h.error("[dateTimeAdd('yesterday', 'P1D')]") ==
        "'yesterday' is not an ISO 8601 date and time");
}

TEST_CASE("dateTimeAdd counts a year as 365 days and a month as 30") {
  // The reference page's remarks: leap years are not considered, P1Y is P365D and P1M is P30D.
  CHECK(eval_json("[dateTimeAdd('2023-01-01 00:00:00Z', 'P1Y')]") == R"("2024-01-01T00:00:00Z")");
  CHECK(eval_json("[dateTimeAdd('2024-01-01 00:00:00Z', 'P1Y')]") == R"("2024-12-31T00:00:00Z")");
  CHECK(eval_json("[dateTimeAdd('2023-02-01 00:00:00Z', 'P1M')]") == R"("2023-03-03T00:00:00Z")");
  CHECK(eval_json("[dateTimeAdd('2024-02-01 00:00:00Z', 'P1M')]") == R"("2024-03-02T00:00:00Z")");
  CHECK(eval_json("[dateTimeAdd('2023-01-31 00:00:00Z', 'P1M')]") == R"("2023-03-02T00:00:00Z")");
  CHECK(eval_json("[dateTimeAdd('2023-03-02 00:00:00Z', '-P1M')]") == R"("2023-01-31T00:00:00Z")");
  CHECK(eval_json("[dateTimeAdd('2023-01-01 00:00:00Z', 'P1Y2M3DT4H')]") ==
        R"("2024-03-04T04:00:00Z")");
}

TEST_CASE("utcNow() is one symbolic value per format") {
  Harness h(R"({"parameters": {"now": {"type": "string", "defaultValue": "[utcNow()]"},
                               "stamp": {"type": "string", "defaultValue": "[utcNow('u')]"}}})");
  json::Value now = h.value("[parameters('now')]");
  REQUIRE(now.is_symbolic());
  CHECK(now.symbolic_info().name == "utcNow()");
  CHECK(h.value("[utcNow('yyyyMMddTHHmmssZ')]").symbolic_info().name == "utcNow()");
  CHECK(h.value("[parameters('stamp')]").symbolic_info().name == "utcNow('u')");
  CHECK(js(h.value("[equals(parameters('now'), utcNow())]")) == "true");
  CHECK(h.value("[equals(parameters('now'), parameters('stamp'))]").is_unknown());
  json::Value name = h.value("[concat('deploy-', uniqueString(parameters('now')))]");
  REQUIRE(name.is_symbolic());
  CHECK(name.symbolic_info().name == "concat('deploy-', uniqueString(utcNow()))");
  // dateTimeAdd of the deployment time is a symbolic time too.
  CHECK(h.value("[dateTimeAdd(parameters('stamp'), '-P7D')]").symbolic_info().name ==
        "dateTimeAdd(utcNow('u'), '-P7D')");
  CHECK(h.error("[dateTimeAdd(parameters('stamp'), 'P1X')]") ==
        "'P1X' is not an ISO 8601 duration");
  CHECK(h.value("[dateTimeToEpoch(parameters('now'))]").is_unknown());
}

TEST_CASE("date functions read ISO 8601 dates and check the calendar") {
  // A space or T, with or without seconds, fractional seconds, Z or an offset, or a date alone.
  CHECK(eval_json("[dateTimeToEpoch('2023-05-02 15:16:13Z')]") == "1683040573");
  CHECK(eval_json("[dateTimeToEpoch('2023-05-02T17:16:13+02:00')]") == "1683040573");
  CHECK(eval_json("[dateTimeToEpoch('2023-05-02T13:46:13.9-01:30')]") == "1683040573");
  CHECK(eval_json("[dateTimeToEpoch('2023-05-02T15:16')]") == "1683040560");
  CHECK(eval_json("[dateTimeToEpoch('1970-01-01')]") == "0");
  CHECK(eval_json("[dateTimeAdd('2024-02-29', 'PT0S')]") == R"("2024-02-29T00:00:00Z")");
  CHECK(eval_json("[dateTimeAdd('2020-04-07T14:53:14.1234567Z', 'PT1S', 'o')]") ==
        R"("2020-04-07T14:53:15.1234567Z")");
  CHECK(eval_json("[dateTimeFromEpoch(-1)]") == R"("1969-12-31T23:59:59Z")");
  Harness h;
  for (const char* bad : {"2023-02-29", "2023-04-31T00:00:00Z", "2023-05-02T24:00:00Z",
                          "2023-05-02T15:60:00Z", "2023-05-02T15:16:61Z", "2023-13-01",
                          "2023-05-02T15:16:13Q", "2023-05-02T-1:00", "2023- 5- 2"}) {
    CHECK(h.error(std::string("[dateTimeToEpoch('") + bad + "')]") ==
          std::string("'") + bad + "' is not an ISO 8601 date and time");
  }
}

TEST_CASE("date functions stay within the years .NET dates can hold") {
  CHECK(eval_json("[dateTimeFromEpoch(253402300799)]") == R"("9999-12-31T23:59:59Z")");
  CHECK(eval_json("[dateTimeFromEpoch(-62135596800)]") == R"("0001-01-01T00:00:00Z")");
  Harness h;
  const std::string range = "the date is outside the years 1 to 9999 that Azure's dates can hold";
  CHECK(h.error("[dateTimeFromEpoch(253402300800)]") == range);
  CHECK(h.error("[dateTimeFromEpoch(-62135596801)]") == range);
  CHECK(h.error("[dateTimeFromEpoch(9223372036854775807)]") == range);
  CHECK(h.error("[dateTimeAdd('9999-12-31', 'P1D')]") == range);
  CHECK(h.error("[dateTimeAdd('2023-01-01', 'P9999999999Y')]") == range);
  CHECK(h.error("[dateTimeAdd('2023-01-01', 'P99999999999Y')]") ==
        "'P99999999999Y' is not an ISO 8601 duration");
  CHECK(h.error("[dateTimeToEpoch('0000-12-31')]") == range);
}
