#pragma once
// One `cmkguard verify` run over several templates, with parameter values gathered as `scan`
// gathers them: X.parameters.json beside X.json (unless turned off), then the parameter files
// given, then NAME=VALUE overrides, later sources winning.

#include <string>
#include <vector>

#include "arm/template_inputs.hpp"
#include "json/diagnostic.hpp"
#include "json/value.hpp"
#include "verify/key_verification.hpp"

namespace cmk::verify {

struct VerifyOptions {
  std::vector<std::string> templates;  // files: templates or exported live resources
  arm::TemplateInputs inputs;          // parameter values and deployment context
  int64_t now = 0;                     // unix seconds, for nbf/exp
};

struct VerifyRun {
  size_t files = 0;                             // inputs tried
  std::vector<TemplateVerification> templates;  // the files that could be read, in order
  // Everything in input order: parameter files, unreadable inputs, and each template's
  // diagnostics (moved here from TemplateVerification::diagnostics).
  Diagnostics diagnostics;
};

VerifyRun verify_templates(const VerifyOptions& options, crypto::Vault& vault);

}  // namespace cmk::verify
