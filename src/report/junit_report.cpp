#include "report/junit_report.hpp"

#include <map>
#include <vector>

#include "report/markup.hpp"

namespace cmk::report {

std::string render_junit(const rules::ScanResult& scan, const ReportOptions& options,
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
    std::string cases;
    for (const rules::Finding* f : findings) {
      const std::string name = f->rule->id + ": " + f->resource_type + " " +
                               f->evaluated_name.value_or(f->resource_name);
      cases += "    <testcase classname=\"" + escape_markup(f->rule->id) + "\" name=\"" +
               escape_markup(name) + "\" time=\"0\"";
      const std::string where =
          f->file + ":" + std::to_string(f->line) + ":" + std::to_string(f->column);
      const bool accepted = f->suppression || f->in_baseline;
      const bool as_failure =
          !accepted && (f->result == rules::Outcome::Fail ||
                        (f->result == rules::Outcome::Unknown && is_failing(*f, options)));
      if (as_failure) {
        ++failures;
        cases += "><failure message=\"" + escape_markup(f->message) + "\" type=\"" +
                 rules::severity_name(f->rule->severity) + "\">" +
                 escape_markup(where + ": " + f->message + "\n" + f->rule->remediation) +
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
    out += "  <testsuite package=\"cmkguard\" id=\"" + std::to_string(id++) + "\" name=\"" +
           escape_markup(file) + "\" timestamp=\"" + escape_markup(timestamp) +
           "\" hostname=\"localhost\" tests=\"" + std::to_string(findings.size()) +
           "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"" +
           std::to_string(skipped) + "\" time=\"0\">\n    <properties/>\n" + cases +
           "    <system-out/>\n    <system-err/>\n  </testsuite>\n";
  }
  // Input errors are test errors of their file, so a CI dashboard shows them too.
  for (const Diagnostic& d : scan.diagnostics) {
    if (d.level != DiagnosticLevel::Error) continue;
    const std::string where =
        d.file + (d.line ? ":" + std::to_string(d.line) + ":" + std::to_string(d.column) : "");
    out += "  <testsuite package=\"cmkguard\" id=\"" + std::to_string(id++) + "\" name=\"" +
           escape_markup(d.file) + "\" timestamp=\"" + escape_markup(timestamp) +
           "\" hostname=\"localhost\" tests=\"1\" failures=\"0\" errors=\"1\" time=\"0\">\n"
           "    <properties/>\n    <testcase classname=\"input\" name=\"" +
           escape_markup(d.file) + "\" time=\"0\"><error message=\"" + escape_markup(d.message) +
           "\" type=\"input-error\">" + escape_markup(where + ": " + d.message) +
           "</error></testcase>\n    <system-out/>\n    <system-err/>\n  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace cmk::report
