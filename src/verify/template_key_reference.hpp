#pragma once
// Finds the customer-managed key each Cognitive Services account of a template model references.
// The model has every expression evaluated (parameters, variables, copy loops, conditions,
// reference() of resources in the same template), so a key reference is either known, unknown
// before deployment (with the reason and the expression that blocked it), or absent.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arm/template_model.hpp"
#include "json/source_text.hpp"

namespace cmk::verify {

struct TemplateKeyReference {
  enum class State {
    Resolved,  // keyVaultUri and keyName are known strings (keyVersion may be empty: latest)
    Unknown,   // a needed value cannot be known before deployment
    Missing,   // the account does not use a customer-managed key
  };
  State state = State::Missing;

  // The account, as the model gives it.
  std::shared_ptr<const json::SourceText> source;
  std::string type;                           // full resource type
  std::string name;                           // as written: literal or expression
  std::optional<std::string> evaluated_name;  // where known
  std::string account;                        // display name: evaluated where known
  uint32_t resource_offset = 0;               // the resource's opening brace
  std::vector<std::string> deployment_path;   // enclosing nested deployments
  std::string condition;  // the resource's condition when it is not known before deployment

  // What decided the state: the value, or its nearest existing parent when it is missing.
  uint32_t offset = 0;
  std::string path;  // e.g. properties.encryption.keyVaultProperties.keyName

  std::string key_vault_uri, key_name, key_version;  // Resolved
  std::string detail;      // Missing: what is missing; Unknown: why it is not known
  std::string expression;  // Unknown: the expression that blocked it (may be empty)
};

// The accounts of type Microsoft.CognitiveServices/accounts (matched case-insensitively) that the
// template deploys: resources, child resources, nested deployments, each copy instance; not those
// whose condition is false, and not `existing` ones (referenced, not deployed).
std::vector<TemplateKeyReference> find_key_references(const arm::Model& model);

}  // namespace cmk::verify
