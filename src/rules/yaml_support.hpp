#pragma once
// Reading a YAML file the one way rule files, conditions files and the configuration are read:
// parsed and measured against the budgets (bytes with aliases expanded, nodes in a value), fields
// read as typed values, and every error reported as "file:line:col: message" with the source line
// and a caret.
//
// While a document is read, a malformed field throws YamlError (from yaml_fail and the readers
// here) or YAML::Exception (from yaml-cpp): a loader catches both around its whole parse with
// read_yaml and returns them as diagnostics, so no exception leaves a loader.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "json/diagnostic.hpp"
#include "json/value.hpp"
#include "rules/yaml_budget.hpp"

namespace cmk::rules {

// Most nodes one value read by yaml_value may have: more than any rule or setting needs.
inline constexpr size_t kMaxYamlValueNodes = 100000;

// A malformed field: where, and what is wrong. `file` names another file than the one being read
// when the error is in a file it draws on (a shared condition); empty otherwise.
struct YamlError {
  YAML::Mark mark;
  std::string message;
  std::string file;
};

[[noreturn]] void yaml_fail(const YAML::Node& at, std::string message);

// Parses `text` and refuses a document over `max_expanded_bytes` with its aliases expanded,
// before anything copies values out of it.
YAML::Node load_yaml(const std::string& text, uint64_t max_expanded_bytes = kMaxExpandedYamlBytes);

// A scalar's text; anything else fails with "<what> must be a string".
std::string yaml_scalar(const YAML::Node& node, const std::string& what);
// A string or a list of strings, as a list.
std::vector<std::string> yaml_strings(const YAML::Node& node, const std::string& what);
// Fails unless `map` is a mapping whose keys are all `allowed`; an unknown key gets the closest
// allowed one suggested. `where` completes "unknown key 'k' in <where>".
void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                const std::string& where);

// A node as a JSON value: unquoted true/false/null and numbers as themselves, quoted scalars as
// strings. A value of more than `max_nodes` nodes (YAML aliases?) fails.
json::Value yaml_value(const YAML::Node& node, size_t max_nodes = kMaxYamlValueNodes);

// An error at `mark` in `file`, whose text is `text`: line and column 1-based, with the source
// line for the caret display (format_diagnostic).
Diagnostic yaml_diagnostic(const std::string& file, const std::string& text, const YAML::Mark& mark,
                           std::string message);

// Runs `read` (which reads the document of `file`, text `text`); a YamlError or YAML::Exception it
// throws becomes a diagnostic appended to `out` (a YamlError naming another file is placed there,
// its text from `text_of(file)`). True when `read` finished.
template <typename Read, typename TextOf>
bool read_yaml(const std::string& file, const std::string& text, Diagnostics& out, Read&& read,
               TextOf&& text_of) {
  try {
    read();
    return true;
  } catch (const YamlError& e) {
    const bool elsewhere = !e.file.empty() && e.file != file;
    out.push_back(yaml_diagnostic(elsewhere ? e.file : file, elsewhere ? text_of(e.file) : text,
                                  e.mark, e.message));
  } catch (const YAML::Exception& e) {
    out.push_back(yaml_diagnostic(file, text, e.mark, e.msg));
  }
  return false;
}

template <typename Read>
bool read_yaml(const std::string& file, const std::string& text, Diagnostics& out, Read&& read) {
  return read_yaml(file, text, out, std::forward<Read>(read),
                   [](const std::string&) { return std::string(); });
}

}  // namespace cmk::rules
