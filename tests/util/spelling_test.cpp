#include "util/spelling.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using cmk::did_you_mean;

TEST_CASE("did_you_mean: the closest candidate in the one wording, nothing when none is close",
          "[spelling]") {
  const std::vector<std::string> commands = {"scan", "test", "rules", "explain"};
  CHECK(did_you_mean("scna", commands) == " (did you mean 'scan'?)");
  CHECK(did_you_mean("RULES", commands) == " (did you mean 'rules'?)");
  CHECK(did_you_mean("encrypt", commands).empty());
  CHECK(did_you_mean("anything", std::vector<std::string>{}).empty());
  const std::vector<std::string_view> views = {"--format", "--output"};
  CHECK(did_you_mean("--fromat", views) == " (did you mean '--format'?)");
}
