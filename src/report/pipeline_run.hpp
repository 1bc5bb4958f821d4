#pragma once
// The Azure Pipelines run a report is written in. GitHub Advanced Security for Azure DevOps
// attaches a SARIF run to its pipeline by run.automationDetails: an id of the form
// azuredevops/pipeline/build/<org>/<project>/<definition id>/<phase id>/<branch>/<build id> and
// the definition's and phase's ids and names as properties. Only a pipeline knows these; the
// agent sets them as predefined variables (TF_BUILD, SYSTEM_COLLECTIONURI, SYSTEM_TEAMPROJECT,
// SYSTEM_DEFINITIONID, BUILD_DEFINITIONNAME, SYSTEM_PHASEID, SYSTEM_PHASENAME,
// BUILD_SOURCEBRANCH, BUILD_BUILDID).

#include <functional>
#include <optional>
#include <string>

namespace cmk::report {

struct AzurePipelineRun {
  std::string organization;
  std::string project;
  std::string definition_id;  // a positive integer, or -1 for a run without a saved definition
  std::string definition_name;
  std::string phase_id;  // a GUID
  std::string phase_name;
  std::string branch;  // e.g. refs/heads/main
  std::string build_id;

  // azuredevops/pipeline/build/<org>/<project>/<definition>/<phase>/<branch>/<build>
  std::string automation_id() const;
};

// The run described by the environment `variable` reads (it returns nullptr for an unset
// name): set when TF_BUILD is "True" and every value is present and well formed, else empty.
std::optional<AzurePipelineRun> azure_pipeline_run(
    const std::function<const char*(const char*)>& variable);

}  // namespace cmk::report
