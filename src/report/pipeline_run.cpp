#include "report/pipeline_run.hpp"

#include <algorithm>
#include <cctype>

#include "json/value.hpp"

namespace cmk::report {

namespace {

bool is_guid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return s != "00000000-0000-0000-0000-000000000000";
}

bool is_definition_id(const std::string& s) {
  if (s == "-1") return true;
  return !s.empty() && s.size() < 10 && s[0] != '0' &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The organization in SYSTEM_COLLECTIONURI: https://dev.azure.com/ORG/ or
// https://ORG.visualstudio.com/.
std::string organization_of(std::string uri) {
  while (!uri.empty() && uri.back() == '/') uri.pop_back();
  const std::string lower = json::to_lower(uri);
  if (const size_t at = lower.find("://dev.azure.com/"); at != std::string::npos) {
    const std::string rest = uri.substr(at + 17);
    return rest.substr(0, rest.find('/'));
  }
  if (const size_t at = lower.find(".visualstudio.com"); at != std::string::npos) {
    const size_t scheme = lower.find("://");
    return scheme == std::string::npos || scheme + 3 > at ? std::string()
                                                          : uri.substr(scheme + 3, at - scheme - 3);
  }
  return {};
}

}  // namespace

std::string AzurePipelineRun::automation_id() const {
  return "azuredevops/pipeline/build/" + organization + "/" + project + "/" + definition_id + "/" +
         phase_id + "/" + branch + "/" + build_id;
}

std::optional<AzurePipelineRun> azure_pipeline_run(
    const std::function<const char*(const char*)>& variable) {
  auto get = [&](const char* name) {
    const char* v = variable(name);
    return v ? std::string(v) : std::string();
  };
  if (!json::iequals(get("TF_BUILD"), "True")) return std::nullopt;
  AzurePipelineRun run{organization_of(get("SYSTEM_COLLECTIONURI")),
                       get("SYSTEM_TEAMPROJECT"),
                       get("SYSTEM_DEFINITIONID"),
                       get("BUILD_DEFINITIONNAME"),
                       get("SYSTEM_PHASEID"),
                       get("SYSTEM_PHASENAME"),
                       get("BUILD_SOURCEBRANCH"),
                       get("BUILD_BUILDID")};
  if (run.organization.empty() || run.project.empty() || !is_definition_id(run.definition_id) ||
      run.definition_name.empty() || !is_guid(run.phase_id) || run.phase_name.empty() ||
      run.branch.empty() || run.build_id.empty()) {
    return std::nullopt;
  }
  return run;
}

}  // namespace cmk::report
