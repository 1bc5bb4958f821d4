#include "report/junit_report.hpp"

#include <map>
#include <set>
#include <vector>

#include "report/markup.hpp"

namespace cmk::report {

namespace {

std::string location(const std::string& file, uint32_t line, uint32_t column) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// A readable name CI dashboards list the case under: the rule, the resource and where it is.
// Two findings of one rule can share all three (copy instances whose names are not known), so a
// repeat gets " #2", " #3": dashboards merge test cases of the same name.
std::string case_name(const rules::Finding& f, std::set<std::string>& taken) {
  const std::string base = f.rule->id + " " + f.resource_type + " " +
                           f.evaluated_name.value_or(f.resource_name) + " (" + f.file + ":" +
                           std::to_string(f.line) + ")";
  std::string name = base;
  for (int n = 2; !taken.insert(name).second; ++n) name = base + " #" + std::to_string(n);
  return name;
}

// The body of a <failure>: where, then how to fix it. The message is the attribute only, so a
// dashboard that shows both does not print it twice.
std::string failure_body(const rules::Finding& f) {
  std::string body = location(f.file, f.line, f.column);
  if (!f.rule->remediation.empty()) body += "\nRemediation: " + f.rule->remediation;
  return body;
}

}  // namespace

std::string render_junit(const pipeline::ScanResult& scan, const ReportOptions& options,
                         const std::string& timestamp) {
  std::map<std::string, std::vector<const rules::Finding*>> by_file;
  std::vector<std::string> order;
  for (const rules::Finding& f : scan.findings) {
    if (!by_file.count(f.file)) order.push_back(f.file);
    by_file[f.file].push_back(&f);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  size_t id = 0;
  for (const std::string& file : order) {
    const auto& findings = by_file[file];
    size_t failures = 0, skipped = 0;
    std::set<std::string> taken;
    std::string cases;
    for (const rules::Finding* f : findings) {
      cases += "    <testcase classname=\"" + escape_markup(f->rule->id) + "\" name=\"" +
               escape_markup(case_name(*f, taken)) + "\" time=\"0\"";
      const bool accepted = f->suppression || f->in_baseline;
      const bool as_failure =
          !accepted && (f->result == rules::Outcome::Fail ||
                        (f->result == rules::Outcome::Unknown && is_failing(*f, options)));
      if (as_failure) {
        ++failures;
        cases += "><failure message=\"" + escape_markup(f->message) + "\" type=\"" +
                 rules::severity_name(f->rule->severity) + "\">" + escape_markup(failure_body(*f)) +
                 "</failure></testcase>\n";
      } else if (f->suppression) {
        ++skipped;
        cases += "><skipped message=\"" +
                 escape_markup("suppressed: " + f->suppression->justification) +
                 "\"/></testcase>\n";
      } else if (f->in_baseline) {
        ++skipped;
        cases += "><skipped message=\"in baseline\"/></testcase>\n";
      } else if (f->result == rules::Outcome::Unknown) {
        ++skipped;
        cases += "><skipped message=\"" + escape_markup(f->message) + "\"/></testcase>\n";
      } else {
        cases += "/>\n";
      }
    }
    // `file` is on the suite (one per file): Jenkins xunit's schema allows it there and rejects
    // it on a test case; the case names carry file:line for readers that look only at cases.
    out += "  <testsuite package=\"cmkguard\" id=\"" + std::to_string(id++) + "\" name=\"" +
           escape_markup(file) + "\" file=\"" + escape_markup(file) + "\" timestamp=\"" +
           escape_markup(timestamp) + "\" hostname=\"localhost\" tests=\"" +
           std::to_string(findings.size()) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"0\" skipped=\"" + std::to_string(skipped) +
           "\" time=\"0\">\n    <properties/>\n" + cases +
           "    <system-out/>\n    <system-err/>\n  </testsuite>\n";
  }
  // Input errors are test errors of their file, so a CI dashboard shows them too.
  for (const Diagnostic& d : scan.diagnostics) {
    if (d.level != DiagnosticLevel::Error) continue;
    const std::string where = d.line ? location(d.file, d.line, d.column) : d.file;
    out += "  <testsuite package=\"cmkguard\" id=\"" + std::to_string(id++) + "\" name=\"" +
           escape_markup(d.file) + "\" file=\"" + escape_markup(d.file) + "\" timestamp=\"" +
           escape_markup(timestamp) +
           "\" hostname=\"localhost\" tests=\"1\" failures=\"0\" errors=\"1\" time=\"0\">\n"
           "    <properties/>\n    <testcase classname=\"input\" name=\"" +
           escape_markup("input error (" + where + ")") + "\" time=\"0\"><error message=\"" +
           escape_markup(d.message) + "\" type=\"input-error\">" + escape_markup(where) +
           "</error></testcase>\n    <system-out/>\n    <system-err/>\n  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace cmk::report
