#pragma once
// Runs rule fixtures: templates whose comments say what each rule must report for a resource.
//   // ruleid: <id>   the next resource must fail <id>
//   // ok: <id>       the next resource must pass <id>
//   // unknown: <id>  the next resource's result for <id> must be unknown
// Fixture `<id>[.<case>].fixture.json` checks rule <id> (and any other rule it annotates)
// exactly: a fail or unknown nobody annotated is as wrong as an annotation without its result.
// A scenario `<name>.scenario.json` (a whole deployment) checks every rule that way, and so does
// an estate: the files of a folder `<name>.estate/`, scanned together as one estate.
// Each fixture (or estate) is scanned as `cmkguard scan` scans it: its X.parameters.json, inline
// suppressions and linked templates apply, and the deployment context it fixes in
// metadata.cmkguardContext is its template inputs, as --location and the like would be.

#include <string>
#include <vector>

#include "json/diagnostic.hpp"
#include "rules/rule.hpp"

namespace cmk::pipeline {

struct FixtureReport {
  size_t fixtures = 0;
  size_t passed = 0;  // expectations met
  size_t failed = 0;  // expectations missed, unexpected results, rules without cases
  Diagnostics problems;
};

FixtureReport run_fixtures(const std::vector<rules::Rule>& rules,
                           const std::vector<std::string>& paths);

}  // namespace cmk::pipeline
