// The Azure Pipelines run a SARIF report names, from the agent's predefined variables.

#include "report/pipeline_run.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <utility>
#include <vector>

using cmk::report::azure_pipeline_run;

namespace {

std::map<std::string, std::string> pipeline() {
  return {{"TF_BUILD", "True"},
          {"SYSTEM_COLLECTIONURI", "https://dev.azure.com/contoso/"},
          {"SYSTEM_TEAMPROJECT", "Face"},
          {"SYSTEM_DEFINITIONID", "42"},
          {"BUILD_DEFINITIONNAME", "face-infra"},
          {"SYSTEM_PHASEID", "3a7b2c1d-0e9f-4a5b-8c7d-6e5f4a3b2c1d"},
          {"SYSTEM_PHASENAME", "Scan"},
          {"BUILD_SOURCEBRANCH", "refs/heads/main"},
          {"BUILD_BUILDID", "1234"}};
}

auto from(const std::map<std::string, std::string>& env) {
  return azure_pipeline_run([&](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

}  // namespace

TEST_CASE("pipeline run: an Azure Pipelines job is identified as GHAzDO ingests it", "[sarif]") {
  const auto run = from(pipeline());
  REQUIRE(run);
  CHECK(run->organization == "contoso");
  CHECK(run->automation_id() ==
        "azuredevops/pipeline/build/contoso/Face/42/3a7b2c1d-0e9f-4a5b-8c7d-6e5f4a3b2c1d/"
        "refs/heads/main/1234");

  auto old_host = pipeline();
  old_host["SYSTEM_COLLECTIONURI"] = "https://fabrikam.visualstudio.com/";
  REQUIRE(from(old_host));
  CHECK(from(old_host)->organization == "fabrikam");

  auto unsaved = pipeline();
  unsaved["SYSTEM_DEFINITIONID"] = "-1";
  CHECK(from(unsaved));
}

TEST_CASE("pipeline run: none outside a pipeline or with a value missing or malformed", "[sarif]") {
  CHECK_FALSE(from({}));
  for (const auto& [name, bad] : std::vector<std::pair<std::string, std::string>>{
           {"TF_BUILD", "False"},
           {"SYSTEM_COLLECTIONURI", "https://example.com/"},
           {"SYSTEM_DEFINITIONID", "0"},
           {"SYSTEM_DEFINITIONID", "abc"},
           {"SYSTEM_PHASEID", "not-a-guid"},
           {"BUILD_DEFINITIONNAME", ""},
           {"BUILD_BUILDID", ""}}) {
    INFO(name << "=" << bad);
    auto env = pipeline();
    env[name] = bad;
    CHECK_FALSE(from(env));
  }
  auto env = pipeline();
  env.erase("SYSTEM_PHASEID");
  CHECK_FALSE(from(env));
}
