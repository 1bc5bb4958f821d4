#include "report/json_report.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "report/fingerprint.hpp"
#include "util/utf8.hpp"
#include "version.hpp"

namespace cmk::report {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void field(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  const std::string text = valid_utf8(value);
  w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
}

void field(Writer& w, const char* key, uint64_t value) {
  w.Key(key);
  w.Uint64(value);
}

const char* level_name(DiagnosticLevel l) {
  return l == DiagnosticLevel::Error ? "error" : l == DiagnosticLevel::Warning ? "warning" : "note";
}

}  // namespace

std::string render_json(const rules::ScanResult& scan, const ReportOptions& given) {
  ReportOptions options = given;
  options.show_suppressed = true;  // a machine-readable report keeps the decisions
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  field(w, "version", std::string("1"));
  w.Key("tool");
  w.StartObject();
  field(w, "name", std::string("cmkguard"));
  field(w, "version", std::string(kVersion));
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
    field(w, "rule", f.rule->id);
    field(w, "result", std::string(rules::outcome_name(f.result)));
    field(w, "severity", std::string(rules::severity_name(f.rule->severity)));
    field(w, "title", f.rule->title);
    field(w, "message", f.message);
    field(w, "file", f.file);
    field(w, "line", f.line);
    field(w, "column", f.column);
    field(w, "type", f.resource_type);
    field(w, "name", f.resource_name);
    if (f.evaluated_name) field(w, "evaluatedName", *f.evaluated_name);
    field(w, "resourceLine", f.resource_line);
    if (!f.path.empty()) field(w, "path", f.path);
    if (!f.deployment_path.empty()) {
      w.Key("deploymentPath");
      w.StartArray();
      for (const std::string& d : f.deployment_path) w.String(valid_utf8(d).c_str());
      w.EndArray();
    }
    if (!f.condition.empty()) field(w, "condition", f.condition);
    if (!f.related.empty()) {
      w.Key("related");
      w.StartArray();
      for (const rules::RelatedLocation& r : f.related) {
        w.StartObject();
        field(w, "file", r.file);
        field(w, "line", r.line);
        field(w, "column", r.column);
        field(w, "message", r.message);
        w.EndObject();
      }
      w.EndArray();
    }
    if (f.result != rules::Outcome::Pass) field(w, "fingerprint", finding_fingerprint(f));
    if (f.suppression) {
      w.Key("suppression");
      w.StartObject();
      field(w, "kind", std::string(f.suppression->in_source ? "inSource" : "external"));
      field(w, "justification", f.suppression->justification);
      field(w, "definedAt", f.suppression->defined_in);
      w.EndObject();
    }
    if (f.in_baseline) {
      w.Key("baseline");
      w.Bool(true);
    }
    if (f.result == rules::Outcome::Unknown) {
      w.Key("unknown");
      w.StartObject();
      field(w, "reason", f.unknown_reason);
      if (!f.unknown_expression.empty()) field(w, "expression", f.unknown_expression);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("diagnostics");
  w.StartArray();
  for (const Diagnostic& d : scan.diagnostics) {
    w.StartObject();
    field(w, "level", std::string(level_name(d.level)));
    field(w, "file", d.file);
    if (d.line > 0) {
      field(w, "line", d.line);
      field(w, "column", d.column);
    }
    field(w, "message", d.message);
    w.EndObject();
  }
  w.EndArray();

  w.Key("summary");
  w.StartObject();
  field(w, "files", scan.stats.files);
  field(w, "templates", scan.stats.templates);
  field(w, "resources", scan.stats.resources);
  field(w, "failed", fails);
  field(w, "unknown", unknowns);
  field(w, "passed", passes);
  field(w, "suppressed", suppressed);
  field(w, "inBaseline", baseline);
  field(w, "failOn", std::string(fail_on_name(options)));
  field(w, "failing", failing);
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace cmk::report
