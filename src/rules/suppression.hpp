#pragma once
// Suppressions: a decision, with a justification, that a finding is accepted. They come from a
// comment in the template (in source) or from the config file (external). One without a
// justification, past its expiry date or with an expiry that is no calendar date, does not
// suppress and is reported; so is one that matched nothing.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "json/diagnostic.hpp"
#include "json/source_text.hpp"
#include "rules/finding.hpp"
#include "util/glob.hpp"

namespace cmk::rules {

struct Suppression {
  enum class Kind { InSource, External } kind = Kind::External;
  std::vector<std::string> rule_ids;  // "*" for every rule
  std::shared_ptr<const Glob> file;   // external: which files; null = any
  std::string resource;               // external: resource name (evaluated or as written); "" = any
  uint32_t target_line = 0;           // in source: the line of the resource or finding it covers
  std::string justification;
  std::string expires;     // YYYY-MM-DD, empty for none
  std::string defined_in;  // file
  uint32_t defined_line = 0;
};

// `// cmkguard-ignore RULE[,RULE...]: justification [expires=YYYY-MM-DD]` on a line of its own
// covers the resource (or property) that starts on the next line holding code; at the end of a
// line, it covers that line.
std::vector<Suppression> inline_suppressions(const json::SourceText& source);

// Marks suppressed findings of `file`. `today` is YYYY-MM-DD. Reports suppressions without a
// justification, expired ones, and (once every file is done: see report_unused) unused ones.
// A file may be read more than once (on its own and as a linked template): each of its comments
// is reported once, and as unused only when no reading used it.
class SuppressionSet {
 public:
  // Unusable external suppressions (no justification, expired, expiry no date) are reported
  // here, once.
  SuppressionSet(std::vector<Suppression> external, std::string today, Diagnostics& diagnostics);

  // Applies external suppressions and the file's own in-source ones to its findings. File globs
  // match `absolute`; diagnostics name `display`, which also tells files apart.
  void apply(std::vector<Finding>& findings, const std::string& display,
             const std::string& absolute, std::vector<Suppression> in_source,
             Diagnostics& diagnostics);
  // Warnings for suppressions, external and in source, that matched no finding.
  void report_unused(Diagnostics& diagnostics) const;

 private:
  bool usable(const Suppression& s, Diagnostics& diagnostics) const;

  std::vector<Suppression> external_;
  std::vector<bool> external_ok_;
  std::vector<bool> external_used_;
  struct InSource {
    bool ok = false;    // usable: justified, not expired
    bool used = false;  // matched a finding
  };
  std::map<std::pair<std::string, uint32_t>, InSource> in_source_;  // by file and line
  std::string today_;
};

}  // namespace cmk::rules
