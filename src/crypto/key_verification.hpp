#pragma once
// `cmkguard verify`: proves the key a template's account references is usable for CMK, by the
// same standards Azure applies (RSA 2048/3072/4096, enabled, inside nbf/exp, wrapKey and
// unwrapKey allowed, vault recoverable: soft delete and purge protection) and by doing a canary
// envelope round trip with it.

#include <string>
#include <vector>

#include "crypto/template_key_reference.hpp"
#include "crypto/vault.hpp"
#include "json/diagnostic.hpp"
#include "json/source_text.hpp"

namespace cmk::crypto {

enum class CheckResult { Pass, Fail, Unknown };
const char* check_result_name(CheckResult r);

struct VerifyFinding {
  std::string check;  // e.g. "verify-key-enabled"
  CheckResult result = CheckResult::Fail;
  std::string message;
  std::string account;  // the account's name as written
  uint32_t offset = 0;  // byte offset in the template
};

// All checks for one reference; after a failed lookup the remaining checks are not reported.
std::vector<VerifyFinding> verify_key_reference(const TemplateKeyReference& ref, Vault& vault,
                                                int64_t now);

struct TemplateVerification {
  std::vector<VerifyFinding> findings;
  Diagnostics diagnostics;  // the template could not be read (errors) or warnings from the reader
};

TemplateVerification verify_template(const json::SourceText& source, Vault& vault, int64_t now);

}  // namespace cmk::crypto
