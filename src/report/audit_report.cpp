#include "report/audit_report.hpp"

#include <map>

#include "report/evidence_section.hpp"
#include "report/markup.hpp"
#include "util/utf8.hpp"
#include "version.hpp"

namespace cmk::report {

namespace {

// One rule's results, in rule order.
struct RuleSection {
  const rules::Rule* rule = nullptr;
  size_t pass = 0;
  std::vector<const rules::Finding*> fail, unknown, accepted;
};

std::vector<RuleSection> sections(const pipeline::ScanResult& scan,
                                  const std::vector<rules::Rule>& rules) {
  std::vector<RuleSection> out;
  std::map<std::string, size_t> index;
  for (const rules::Rule& r : rules) {
    index[r.id] = out.size();
    out.push_back(RuleSection{&r, 0, {}, {}, {}});
  }
  for (const rules::Finding& f : scan.findings) {
    auto it = index.find(f.rule->id);
    if (it == index.end()) continue;
    RuleSection& s = out[it->second];
    if (f.suppression || f.in_baseline) {
      s.accepted.push_back(&f);
    } else if (f.result == rules::Outcome::Pass) {
      ++s.pass;
    } else if (f.result == rules::Outcome::Fail) {
      s.fail.push_back(&f);
    } else {
      s.unknown.push_back(&f);
    }
  }
  return out;
}

std::string where(const rules::Finding& f) {
  return f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
}

// The other places a finding involves (the vault, key or grant it was decided by, possibly in
// another file of the estate): "; evidence: vault: ... at file:line:col".
std::string evidence(const rules::Finding& f) {
  std::string out;
  for (const rules::RelatedLocation& r : f.related) {
    out += (out.empty() ? "; evidence: " : "; ") + r.message + " at " + r.file + ":" +
           std::to_string(r.line) + ":" + std::to_string(r.column);
  }
  return out;
}

std::string status(const RuleSection& s, const ReportOptions& o) {
  if (!s.fail.empty()) return "FAIL";
  if (!s.unknown.empty()) return o.unknown == UnknownPolicy::Fail ? "FAIL (unknown)" : "UNDECIDED";
  if (s.pass == 0 && s.accepted.empty()) return "not applicable";
  // Nothing passed on its own: every result is a risk someone accepted.
  if (s.pass == 0) return "ACCEPTED";
  return "PASS";
}

std::string controls(const rules::Rule& r) {
  std::string out;
  for (const auto& [framework, ids] : r.compliance) {
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + framework + " " + id;
  }
  return out;
}

std::string accepted_text(const rules::Finding& f) {
  if (f.suppression) {
    return "suppressed (" + std::string(f.suppression->in_source ? "in source" : "configuration") +
           ", " + f.suppression->defined_in +
           (f.suppression->expires.empty() ? "" : ", expires " + f.suppression->expires) +
           "): " + f.suppression->justification;
  }
  return "in baseline";
}

// Markdown table cells must not contain raw pipes or line breaks.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

struct Totals {
  size_t pass = 0, fail = 0, unknown = 0, accepted = 0;
};

Totals totals(const std::vector<RuleSection>& ss) {
  Totals t;
  for (const RuleSection& s : ss) {
    t.pass += s.pass;
    t.fail += s.fail.size();
    t.unknown += s.unknown.size();
    t.accepted += s.accepted.size();
  }
  return t;
}

}  // namespace

std::string render_markdown(const pipeline::ScanResult& scan, const std::vector<rules::Rule>& rules,
                            const ReportOptions& options, const Evidence& run) {
  const auto ss = sections(scan, rules);
  const Totals t = totals(ss);
  std::string out = "# Customer-managed key compliance report\n\n";
  out += "Generated " + run.generated + " by cmkguard " + kVersion + ". " +
         std::to_string(scan.stats.files) + " file(s), " + std::to_string(scan.stats.templates) +
         " template(s), " + std::to_string(scan.stats.resources) + " resource(s); " +
         std::to_string(t.fail) + " failed, " + std::to_string(t.unknown) +
         " undecided before deployment, " + std::to_string(t.pass) + " passed, " +
         std::to_string(t.accepted) + " accepted.\n\n";
  out += "| rule | severity | status | failed | undecided | passed | accepted | controls |\n";
  out += "|---|---|---|---|---|---|---|---|\n";
  for (const RuleSection& s : ss) {
    out += "| `" + s.rule->id + "` " + cell(s.rule->title) + " | " +
           rules::severity_name(s.rule->severity) + " | " + status(s, options) + " | " +
           std::to_string(s.fail.size()) + " | " + std::to_string(s.unknown.size()) + " | " +
           std::to_string(s.pass) + " | " + std::to_string(s.accepted.size()) + " | " +
           cell(controls(*s.rule)) + " |\n";
  }
  for (const RuleSection& s : ss) {
    if (s.fail.empty() && s.unknown.empty() && s.accepted.empty()) continue;
    out += "\n## `" + s.rule->id + "`: " + s.rule->title + "\n\n";
    for (const rules::Finding* f : s.fail)
      out += "- **fail** `" + where(*f) + "`: " + f->message + evidence(*f) + "\n";
    for (const rules::Finding* f : s.unknown) {
      out += "- **undecided** `" + where(*f) + "`: " + f->message + evidence(*f) + "\n";
    }
    for (const rules::Finding* f : s.accepted) {
      out += "- **accepted** `" + where(*f) + "`: " + f->message + " — " + accepted_text(*f) + "\n";
    }
    if (!s.fail.empty() && !s.rule->remediation.empty()) {
      out += "\nRemediation:\n\n```\n" + s.rule->remediation + "\n```\n";
    }
  }
  size_t errors = 0;
  for (const Diagnostic& d : scan.diagnostics) errors += d.level == DiagnosticLevel::Error;
  if (errors) {
    out += "\n## Input errors\n\n";
    for (const Diagnostic& d : scan.diagnostics) {
      if (d.level != DiagnosticLevel::Error) continue;
      out += "- `" + d.file +
             (d.line ? ":" + std::to_string(d.line) + ":" + std::to_string(d.column) : "") +
             "`: " + d.message + "\n";
    }
  }
  out += evidence_markdown(scan, rules, options, run);
  return valid_utf8(out);
}

std::string render_html(const pipeline::ScanResult& scan, const std::vector<rules::Rule>& rules,
                        const ReportOptions& options, const Evidence& run) {
  const auto ss = sections(scan, rules);
  const Totals t = totals(ss);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>Customer-managed key compliance report</title><style>"
      "body{font-family:system-ui,sans-serif;margin:2em;max-width:75em}"
      "table{border-collapse:collapse;max-width:100%}td,th{border:1px solid #ccc;padding:.3em "
      ".6em;text-align:left;vertical-align:top}th{white-space:nowrap}"
      // Paths, ids and hashes are long words: they wrap anywhere rather than widen the page;
      // prose keeps whole words, and headings stay on one line.
      "code,li,pre,.evidence td{overflow-wrap:anywhere}pre{white-space:pre-wrap}"
      ".evidence td:first-child{white-space:nowrap}"
      ".FAIL{color:#b00020;font-weight:bold}.PASS{color:#1b5e20}.UNDECIDED{color:#8a6d00}.ACCEPTED{"
      "color:#37474f}"
      // On paper: no row or finding split across pages, headings kept with what follows, long
      // paths and hashes wrapped instead of cut off at the margin, no width fixed for a screen.
      "@media print{body{margin:0;max-width:none;font-size:10pt}"
      "tr,li,pre{break-inside:avoid}h1,h2,h3{break-after:avoid}"
      "thead{display:table-header-group}"
      "code,li,pre,.evidence td{overflow-wrap:anywhere}"
      ".FAIL,.PASS,.UNDECIDED,.ACCEPTED{print-color-adjust:exact;-webkit-print-color-adjust:"
      "exact}}"
      "code{background:#f4f4f4}</style></head><body>\n"
      "<h1>Customer-managed key compliance report</h1>\n";
  out += "<p>Generated " + escape_markup(run.generated) + " by cmkguard " + kVersion + ". " +
         std::to_string(scan.stats.files) + " file(s), " + std::to_string(scan.stats.resources) +
         " resource(s): " + std::to_string(t.fail) + " failed, " + std::to_string(t.unknown) +
         " undecided before deployment, " + std::to_string(t.pass) + " passed, " +
         std::to_string(t.accepted) +
         " accepted.</p>\n<table><tr><th>rule</th><th>severity</th>"
         "<th>status</th><th>failed</th><th>undecided</th><th>passed</th><th>accepted</th>"
         "<th>controls</th></tr>\n";
  for (const RuleSection& s : ss) {
    const std::string st = status(s, options);
    out += "<tr><td><code>" + escape_markup(s.rule->id) + "</code> " +
           escape_markup(s.rule->title) + "</td><td>" + rules::severity_name(s.rule->severity) +
           "</td><td class=\"" + escape_markup(st.substr(0, st.find(' '))) + "\">" +
           escape_markup(st) + "</td><td>" + std::to_string(s.fail.size()) + "</td><td>" +
           std::to_string(s.unknown.size()) + "</td><td>" + std::to_string(s.pass) + "</td><td>" +
           std::to_string(s.accepted.size()) + "</td><td>" + escape_markup(controls(*s.rule)) +
           "</td></tr>\n";
  }
  out += "</table>\n";
  for (const RuleSection& s : ss) {
    if (s.fail.empty() && s.unknown.empty() && s.accepted.empty()) continue;
    out += "<h2><code>" + escape_markup(s.rule->id) + "</code>: " + escape_markup(s.rule->title) +
           "</h2>\n<ul>\n";
    for (const rules::Finding* f : s.fail) {
      out += "<li><b class=\"FAIL\">fail</b> <code>" + escape_markup(where(*f)) +
             "</code>: " + escape_markup(f->message + evidence(*f)) + "</li>\n";
    }
    for (const rules::Finding* f : s.unknown) {
      out += "<li><b class=\"UNDECIDED\">undecided</b> <code>" + escape_markup(where(*f)) +
             "</code>: " + escape_markup(f->message + evidence(*f)) + "</li>\n";
    }
    for (const rules::Finding* f : s.accepted) {
      out += "<li><b>accepted</b> <code>" + escape_markup(where(*f)) +
             "</code>: " + escape_markup(f->message) + " — " + escape_markup(accepted_text(*f)) +
             "</li>\n";
    }
    out += "</ul>\n";
    if (!s.fail.empty() && !s.rule->remediation.empty()) {
      out += "<p>Remediation:</p><pre>" + escape_markup(s.rule->remediation) + "</pre>\n";
    }
  }
  bool any_error = false;
  for (const Diagnostic& d : scan.diagnostics) {
    if (d.level != DiagnosticLevel::Error) continue;
    if (!any_error) out += "<h2>Input errors</h2>\n<ul>\n";
    any_error = true;
    out += "<li><code>" +
           escape_markup(
               d.file +
               (d.line ? ":" + std::to_string(d.line) + ":" + std::to_string(d.column) : "")) +
           "</code>: " + escape_markup(d.message) + "</li>\n";
  }
  if (any_error) out += "</ul>\n";
  out += evidence_html(scan, rules, options, run);
  out += "</body></html>\n";
  return out;
}

}  // namespace cmk::report
