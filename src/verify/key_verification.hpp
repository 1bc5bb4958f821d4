#pragma once
// `cmkguard verify`: proves the key a template's account references is usable for CMK, by the
// same standards Azure applies (RSA 2048/3072/4096, enabled, inside nbf/exp, wrapKey and
// unwrapKey allowed, vault recoverable: soft delete and purge protection) and by doing a canary
// envelope round trip with it.

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arm/input_file.hpp"
#include "arm/template_model.hpp"
#include "crypto/vault.hpp"
#include "json/diagnostic.hpp"
#include "verify/template_key_reference.hpp"

namespace cmk::verify {

enum class CheckResult { Pass, Fail, Unknown };

// RSA modulus sizes Key Vault makes and customer-managed keys accept; verify-key-type's rule text
// and the ai-cmk-key-type rule name the same ones.
inline constexpr std::array<int, 3> kCmkRsaKeyBits = {2048, 3072, 4096};

struct VerifyFinding {
  std::string check;  // e.g. "verify-key-enabled"; verify_report.hpp has the catalogue
  CheckResult result = CheckResult::Fail;
  std::string message;
  uint32_t offset = 0;             // byte offset in the template
  std::string path;                // the property that decided the result, where there is one
  std::string unknown_reason;      // for Unknown: why it cannot be known before deployment
  std::string unknown_expression;  // and the expression that blocked it
  // Index into TemplateVerification::references; empty for a finding about the whole template.
  std::optional<size_t> reference;
};

// All checks for one reference; after a failed lookup the remaining checks are not reported.
std::vector<VerifyFinding> verify_key_reference(const TemplateKeyReference& ref,
                                                crypto::Vault& vault, int64_t now);

struct TemplateVerification {
  std::string file;                                // as given
  std::shared_ptr<const json::SourceText> source;  // null when the file could not be read
  arm::FileKind kind = arm::FileKind::Other;
  size_t resources = 0;  // in the template model
  std::vector<TemplateKeyReference> references;
  std::vector<VerifyFinding> findings;
  Diagnostics diagnostics;  // errors: the file could not be verified; warnings from evaluation
};

// Checks the key of every Cognitive Services account in `model`, the model of `file` (a template,
// or exported live resources; pipeline/prepared_input.hpp builds both). A file without one
// fails.
TemplateVerification verify_template(const arm::InputFile& file, arm::Model model,
                                     crypto::Vault& vault, int64_t now);

}  // namespace cmk::verify
