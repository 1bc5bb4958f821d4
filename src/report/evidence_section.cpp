#include "report/evidence_section.hpp"

#include "report/fingerprint.hpp"
#include "report/markup.hpp"
#include "version.hpp"

namespace cmk::report {

namespace {

// One table of the evidence section: a caption, column names, rows of plain text. Kept as data
// so Markdown and HTML show the same facts.
struct Table {
  std::string caption;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

std::vector<Table> tables(const pipeline::ScanResult& scan, const std::vector<rules::Rule>& rules,
                          const ReportOptions& options, const Evidence& evidence) {
  Table summary{"Run", {"item", "value"}, {}};
  summary.rows.push_back({"verdict", verdict(scan, options)});
  summary.rows.push_back({"tool", std::string("cmkguard ") + kVersion});
  summary.rows.push_back({"generated (UTC)", evidence.generated});
  summary.rows.push_back({"source revision", evidence.revision});
  Table settings{"Configuration and flags in effect", {"setting", "value"}, {}};
  for (const auto& [name, value] : evidence.settings) settings.rows.push_back({name, value});
  Table files{"Files", {"role", "file", "SHA-256"}, {}};
  for (const EvidenceFile& f : evidence.files) {
    files.rows.push_back({f.role, f.path, f.sha256.empty() ? "(not readable)" : f.sha256});
  }
  Table rule_set{"Rule set", {"rule", "severity", "source", "SHA-256 of the definition"}, {}};
  for (const rules::Rule& r : rules) {
    rule_set.rows.push_back({r.id, rules::severity_name(r.severity),
                             r.source.file.empty() ? "(in memory)" : r.source.file,
                             r.definition.empty() ? "(no source text)" : sha256_hex(r.definition)});
  }
  return {summary, settings, files, rule_set};
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string verdict(const pipeline::ScanResult& scan, const ReportOptions& options) {
  size_t errors = 0, failing = 0, open_failures = 0;
  for (const Diagnostic& d : scan.diagnostics) errors += d.level == DiagnosticLevel::Error;
  for (const rules::Finding& f : scan.findings) {
    failing += is_failing(f, options);
    open_failures += f.result == rules::Outcome::Fail && !f.suppression && !f.in_baseline;
  }
  if (errors) return "ERROR: " + std::to_string(errors) + " input error(s) (exit code 2)";
  const std::string threshold = std::string("--fail-on ") + fail_on_name(options);
  if (failing) {
    return "FAIL: " + std::to_string(failing) + " finding(s) at or above " + threshold +
           " (exit code 1)";
  }
  // A soft-fail run passes the gate, but a reader must not take it for a clean estate.
  if (options.fail_never && open_failures) {
    return "NOT GATED: " + std::to_string(open_failures) +
           " failed finding(s) reported, none fails with --fail-on none (exit code 0)";
  }
  return "PASS: nothing at or above " + threshold + " (exit code 0)";
}

std::string evidence_markdown(const pipeline::ScanResult& scan,
                              const std::vector<rules::Rule>& rules, const ReportOptions& options,
                              const Evidence& evidence) {
  std::string out = "\n## Evidence\n";
  for (const Table& t : tables(scan, rules, options, evidence)) {
    out += "\n### " + t.caption + "\n\n|";
    std::string rule = "|";
    for (const std::string& c : t.columns) {
      out += " " + c + " |";
      rule += "---|";
    }
    out += "\n" + rule + "\n";
    for (const auto& row : t.rows) {
      out += "|";
      for (const std::string& v : row) out += " " + md_cell(v) + " |";
      out += "\n";
    }
  }
  return out;
}

std::string evidence_html(const pipeline::ScanResult& scan, const std::vector<rules::Rule>& rules,
                          const ReportOptions& options, const Evidence& evidence) {
  std::string out = "<section class=\"evidence\">\n<h2>Evidence</h2>\n";
  for (const Table& t : tables(scan, rules, options, evidence)) {
    out += "<h3>" + escape_markup(t.caption) + "</h3>\n<table><tr>";
    for (const std::string& c : t.columns) out += "<th>" + escape_markup(c) + "</th>";
    out += "</tr>\n";
    for (const auto& row : t.rows) {
      out += "<tr>";
      for (const std::string& v : row) out += "<td>" + escape_markup(v) + "</td>";
      out += "</tr>\n";
    }
    out += "</table>\n";
  }
  return out + "</section>\n";
}

}  // namespace cmk::report
