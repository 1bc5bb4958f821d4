#include "report/junit_report.hpp"

#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <sstream>
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

// The report's layout: each suite and each child of a suite on a line of its own, a failure on
// the line of its test case. pugixml's own indentation would put the failure on a line of its own
// and write "<properties />", so the document is saved raw with the line breaks as text.
pugi::xml_node on_new_line(pugi::xml_node parent, const char* name, const char* indent) {
  parent.append_child(pugi::node_pcdata).set_value(indent);
  return parent.append_child(name);
}

void end_lines(pugi::xml_node parent, const char* indent) {
  parent.append_child(pugi::node_pcdata).set_value(indent);
}

// pugixml escapes; the text must be valid UTF-8 without the control characters XML 1.0 forbids.
void set_attribute(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name).set_value(xml_text(value).c_str());
}

void set_text(pugi::xml_node node, const std::string& text) {
  node.append_child(pugi::node_pcdata).set_value(xml_text(text).c_str());
}

pugi::xml_node add_suite(pugi::xml_node root, size_t id, const std::string& file,
                         const std::string& timestamp) {
  pugi::xml_node suite = on_new_line(root, "testsuite", "\n  ");
  set_attribute(suite, "package", "cmkguard");
  set_attribute(suite, "id", std::to_string(id));
  set_attribute(suite, "name", file);
  // `file` is on the suite (one per file): Jenkins xunit's schema allows it there and rejects
  // it on a test case; the case names carry file:line for readers that look only at cases.
  set_attribute(suite, "file", file);
  set_attribute(suite, "timestamp", timestamp);
  set_attribute(suite, "hostname", "localhost");
  on_new_line(suite, "properties", "\n    ");
  return suite;
}

void set_counts(pugi::xml_node suite, size_t tests, size_t failures, size_t errors,
                std::optional<size_t> skipped) {
  set_attribute(suite, "tests", std::to_string(tests));
  set_attribute(suite, "failures", std::to_string(failures));
  set_attribute(suite, "errors", std::to_string(errors));
  if (skipped) set_attribute(suite, "skipped", std::to_string(*skipped));
  set_attribute(suite, "time", "0");
}

void end_suite(pugi::xml_node suite) {
  on_new_line(suite, "system-out", "\n    ");
  on_new_line(suite, "system-err", "\n    ");
  end_lines(suite, "\n  ");
}

pugi::xml_node add_case(pugi::xml_node suite, const std::string& classname,
                        const std::string& name) {
  pugi::xml_node testcase = on_new_line(suite, "testcase", "\n    ");
  set_attribute(testcase, "classname", classname);
  set_attribute(testcase, "name", name);
  set_attribute(testcase, "time", "0");
  return testcase;
}

void add_skipped(pugi::xml_node testcase, const std::string& message) {
  set_attribute(testcase.append_child("skipped"), "message", message);
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
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("testsuites");
  size_t id = 0;
  for (const std::string& file : order) {
    const auto& findings = by_file[file];
    pugi::xml_node suite = add_suite(root, id++, file, timestamp);
    size_t failures = 0, skipped = 0;
    std::set<std::string> taken;
    for (const rules::Finding* f : findings) {
      pugi::xml_node testcase = add_case(suite, f->rule->id, case_name(*f, taken));
      const bool accepted = f->suppression || f->in_baseline;
      const bool as_failure =
          !accepted && (f->result == rules::Outcome::Fail ||
                        (f->result == rules::Outcome::Unknown && is_failing(*f, options)));
      if (as_failure) {
        ++failures;
        pugi::xml_node failure = testcase.append_child("failure");
        set_attribute(failure, "message", f->message);
        set_attribute(failure, "type", rules::severity_name(f->rule->severity));
        set_text(failure, failure_body(*f));
      } else if (f->suppression) {
        ++skipped;
        add_skipped(testcase, "suppressed: " + f->suppression->justification);
      } else if (f->in_baseline) {
        ++skipped;
        add_skipped(testcase, "in baseline");
      } else if (f->result == rules::Outcome::Unknown) {
        ++skipped;
        add_skipped(testcase, f->message);
      }
    }
    set_counts(suite, findings.size(), failures, 0, skipped);
    end_suite(suite);
  }
  // Input errors are test errors of their file, so a CI dashboard shows them too.
  for (const Diagnostic& d : scan.diagnostics) {
    if (d.level != DiagnosticLevel::Error) continue;
    const std::string where = d.line ? location(d.file, d.line, d.column) : d.file;
    pugi::xml_node suite = add_suite(root, id++, d.file, timestamp);
    set_counts(suite, 1, 0, 1, std::nullopt);
    pugi::xml_node error =
        add_case(suite, "input", "input error (" + where + ")").append_child("error");
    set_attribute(error, "message", d.message);
    set_attribute(error, "type", "input-error");
    set_text(error, where);
    end_suite(suite);
  }
  end_lines(root, "\n");
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  out << "\n";
  return out.str();
}

}  // namespace cmk::report
