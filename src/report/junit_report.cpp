#include "report/junit_report.hpp"

#include <map>
#include <vector>

#include "report/utf8.hpp"

namespace cmk::report {

namespace {

std::string xml_escape(const std::string& raw) {
  const std::string s = valid_utf8(raw);
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 forbids most control characters even when escaped.
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += ' ';
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace

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
      cases += "    <testcase classname=\"" + xml_escape(f->rule->id) + "\" name=\"" +
               xml_escape(name) + "\" time=\"0\"";
      const std::string where =
          f->file + ":" + std::to_string(f->line) + ":" + std::to_string(f->column);
      const bool accepted = f->suppression || f->in_baseline;
      const bool as_failure =
          !accepted && (f->result == rules::Outcome::Fail ||
                        (f->result == rules::Outcome::Unknown && is_failing(*f, options)));
      if (as_failure) {
        ++failures;
        cases += "><failure message=\"" + xml_escape(f->message) + "\" type=\"" +
                 rules::severity_name(f->rule->severity) + "\">" +
                 xml_escape(where + ": " + f->message + "\n" + f->rule->remediation) +
                 "</failure></testcase>\n";
      } else if (f->suppression) {
        ++skipped;
        cases += "><skipped message=\"" +
                 xml_escape("suppressed: " + f->suppression->justification) + "\"/></testcase>\n";
      } else if (f->in_baseline) {
        ++skipped;
        cases += "><skipped message=\"in baseline\"/></testcase>\n";
      } else if (f->result == rules::Outcome::Unknown) {
        ++skipped;
        cases += "><skipped message=\"" + xml_escape(f->message) + "\"/></testcase>\n";
      } else {
        cases += "/>\n";
      }
    }
    out += "  <testsuite package=\"cmkguard\" id=\"" + std::to_string(id++) + "\" name=\"" +
           xml_escape(file) + "\" timestamp=\"" + xml_escape(timestamp) +
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
           xml_escape(d.file) + "\" timestamp=\"" + xml_escape(timestamp) +
           "\" hostname=\"localhost\" tests=\"1\" failures=\"0\" errors=\"1\" time=\"0\">\n"
           "    <properties/>\n    <testcase classname=\"input\" name=\"" +
           xml_escape(d.file) + "\" time=\"0\"><error message=\"" + xml_escape(d.message) +
           "\" type=\"input-error\">" + xml_escape(where + ": " + d.message) +
           "</error></testcase>\n    <system-out/>\n    <system-err/>\n  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace cmk::report
