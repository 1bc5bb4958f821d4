#pragma once
// The built-in rule files and shared conditions files, compiled into the binary so it works
// from any directory. The definition is generated at build time from rules/**/*.yaml.

#include <span>

namespace cmk::rules {

struct EmbeddedRule {
  const char* path;  // relative to the repository, e.g. rules/keyvault/kv-soft-delete.yaml
  const char* text;
};

std::span<const EmbeddedRule> embedded_rules();

}  // namespace cmk::rules
