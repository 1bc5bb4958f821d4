#include "report/json_report.hpp"

#include "report/fingerprint.hpp"
#include "report/json_writer.hpp"
#include "version.hpp"

namespace cmk::report {

namespace {

const char* level_name(DiagnosticLevel l) {
  return l == DiagnosticLevel::Error ? "error" : l == DiagnosticLevel::Warning ? "warning" : "note";
}

}  // namespace

std::string render_json(const pipeline::ScanResult& scan, const ReportOptions& given) {
  ReportOptions options = given;
  options.show_suppressed = true;  // a machine-readable report keeps the decisions
  JsonDocument document;
  JsonWriter& w = document.writer();
  w.StartObject();
  write_field(w, "version", std::string("1"));
  w.Key("tool");
  w.StartObject();
  write_field(w, "name", std::string("cmkguard"));
  write_field(w, "version", std::string(kVersion));
  w.EndObject();

  size_t fails = 0, unknowns = 0, passes = 0, failing = 0, suppressed = 0, baseline = 0;
  w.Key("findings");
  w.StartArray();
  for (const rules::Finding& f : scan.findings) {
    fails += f.result == rules::Outcome::Fail;
    unknowns += f.result == rules::Outcome::Unknown;
    passes += f.result == rules::Outcome::Pass;
    failing += is_failing(f, options);
    suppressed += f.suppression.has_value();
    baseline += f.in_baseline;
    if (!is_shown(f, options)) continue;
    w.StartObject();
    write_field(w, "rule", f.rule->id);
    write_field(w, "result", std::string(rules::outcome_name(f.result)));
    write_field(w, "severity", std::string(rules::severity_name(f.rule->severity)));
    write_field(w, "title", f.rule->title);
    write_field(w, "message", f.message);
    write_field(w, "file", f.file);
    write_field(w, "line", f.line);
    write_field(w, "column", f.column);
    write_field(w, "type", f.resource_type);
    write_field(w, "name", f.resource_name);
    if (f.evaluated_name) write_field(w, "evaluatedName", *f.evaluated_name);
    write_field(w, "resourceLine", f.resource_line);
    if (!f.path.empty()) write_field(w, "path", f.path);
    if (!f.deployment_path.empty()) {
      w.Key("deploymentPath");
      w.StartArray();
      for (const std::string& d : f.deployment_path) write_string(w, d);
      w.EndArray();
    }
    if (!f.condition.empty()) write_field(w, "condition", f.condition);
    if (!f.related.empty()) {
      w.Key("related");
      w.StartArray();
      for (const rules::RelatedLocation& r : f.related) {
        w.StartObject();
        write_field(w, "file", r.file);
        write_field(w, "line", r.line);
        write_field(w, "column", r.column);
        write_field(w, "message", r.message);
        w.EndObject();
      }
      w.EndArray();
    }
    if (f.result != rules::Outcome::Pass) write_field(w, "fingerprint", finding_fingerprint(f));
    if (f.suppression) {
      w.Key("suppression");
      w.StartObject();
      write_field(w, "kind", std::string(f.suppression->in_source ? "inSource" : "external"));
      write_field(w, "justification", f.suppression->justification);
      write_field(w, "definedAt", f.suppression->defined_in);
      w.EndObject();
    }
    if (f.in_baseline) {
      w.Key("baseline");
      w.Bool(true);
    }
    if (f.result == rules::Outcome::Unknown) {
      w.Key("unknown");
      w.StartObject();
      write_field(w, "reason", f.unknown_reason);
      if (!f.unknown_expression.empty()) write_field(w, "expression", f.unknown_expression);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("diagnostics");
  w.StartArray();
  for (const Diagnostic& d : scan.diagnostics) {
    w.StartObject();
    write_field(w, "level", std::string(level_name(d.level)));
    write_field(w, "file", d.file);
    if (d.line > 0) {
      write_field(w, "line", d.line);
      write_field(w, "column", d.column);
    }
    write_field(w, "message", d.message);
    w.EndObject();
  }
  w.EndArray();

  w.Key("summary");
  w.StartObject();
  write_field(w, "files", scan.stats.files);
  write_field(w, "templates", scan.stats.templates);
  write_field(w, "resources", scan.stats.resources);
  write_field(w, "failed", fails);
  write_field(w, "unknown", unknowns);
  write_field(w, "passed", passes);
  write_field(w, "suppressed", suppressed);
  write_field(w, "inBaseline", baseline);
  write_field(w, "failOn", std::string(fail_on_name(options)));
  write_field(w, "failing", failing);
  w.EndObject();
  w.EndObject();
  return document.text();
}

}  // namespace cmk::report
