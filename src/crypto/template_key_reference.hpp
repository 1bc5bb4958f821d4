#pragma once
// Finds the customer-managed key each Cognitive Services account in a template references.
// This reads literal values only; an ARM expression is reported as unknown with its text. It is
// one function on purpose: the evaluated template model will replace it.

#include <cstdint>
#include <string>
#include <vector>

#include "json/value.hpp"

namespace cmk::crypto {

struct TemplateKeyReference {
  enum class State {
    Literal,  // keyVaultUri and keyName are literal strings (keyVersion may be empty: latest)
    Unknown,  // a needed value is an ARM expression
    Missing,  // the account does not use a customer-managed key
  };
  State state = State::Missing;
  std::string account;  // the account's name as written (may be an expression)
  uint32_t offset = 0;  // where to point: keyVaultProperties, encryption, or the resource
  std::string key_vault_uri, key_name, key_version;
  std::string detail;  // the blocking expression (Unknown) or what is missing (Missing)
};

// Resources of type Microsoft.CognitiveServices/accounts (matched case-insensitively) in
// `resources` (an array, or an object of symbolic names for languageVersion 2.0), in child
// resources and in inline templates of nested deployments.
std::vector<TemplateKeyReference> find_key_references(const json::Value& root);

}  // namespace cmk::crypto
