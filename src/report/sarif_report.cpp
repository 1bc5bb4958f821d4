#include "report/sarif_report.hpp"

#include <cctype>
#include <map>

#include "report/json_writer.hpp"
#include "report/rule_docs.hpp"
#include "util/stable_path.hpp"
#include "util/utf8.hpp"
#include "version.hpp"

namespace cmk::report {

namespace {

void text_object(JsonWriter& w, const char* key, const std::string& text) {
  w.Key(key);
  w.StartObject();
  write_field(w, "text", text);
  w.EndObject();
}

const char* level_of(rules::Severity s) {
  switch (s) {
    case rules::Severity::Critical:
    case rules::Severity::High:
      return "error";
    case rules::Severity::Medium:
      return "warning";
    default:
      return "note";
  }
}

// GitHub code scanning ranks security results by this CVSS-like score.
const char* security_severity(rules::Severity s) {
  switch (s) {
    case rules::Severity::Critical:
      return "9.5";
    case rules::Severity::High:
      return "8.0";
    case rules::Severity::Medium:
      return "5.5";
    case rules::Severity::Low:
      return "3.0";
    case rules::Severity::Info:
      return "0.0";
  }
  return "0.0";
}

// The base every artifact location is relative to, as GitHub and Azure DevOps expect: the
// repository root (or the current directory outside a repository), named in originalUriBaseIds.
constexpr const char* kSourceRoot = "%SRCROOT%";

// A relative path stays relative; an absolute one becomes a file:// URI. Characters outside
// RFC 3986's unreserved set and '/' are escaped.
std::string to_uri(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A file, relative to `root` (%SRCROOT%), and, when known (line > 0), the place in it.
void physical_location(JsonWriter& w, const std::string& root, const std::string& file,
                       uint32_t line, uint32_t column) {
  w.Key("physicalLocation");
  w.StartObject();
  w.Key("artifactLocation");
  w.StartObject();
  write_field(w, "uri", to_uri(path_relative_to(root, file)));
  write_field(w, "uriBaseId", kSourceRoot);
  w.EndObject();
  if (line > 0) {
    w.Key("region");
    w.StartObject();
    w.Key("startLine");
    w.Uint(line);
    w.Key("startColumn");
    w.Uint(column);
    w.EndObject();
  }
  w.EndObject();
}

// The id in PascalCase (ai-cmk-key-access: AiCmkKeyAccess), the conventional form of a rule's
// name, which GitHub filters by and Azure DevOps requires.
std::string rule_name(const std::string& id) {
  std::string out;
  bool word_start = true;
  for (unsigned char c : id) {
    if (!std::isalnum(c)) {
      word_start = true;
      continue;
    }
    out += static_cast<char>(word_start ? std::toupper(c) : c);
    word_start = false;
  }
  return out.empty() ? id : out;
}

// GitHub shows at most 1024 characters of a rule's descriptions: a longer text is cut after its
// last whole sentence that fits (the whole text stays in help), else at a code point boundary.
std::string fit_description(const std::string& text) {
  constexpr size_t kMax = 1024;
  if (text.size() <= kMax) return text;
  const size_t sentence = text.rfind(". ", kMax - 1);
  if (sentence != std::string::npos) return text.substr(0, sentence + 1);
  size_t cut = kMax - 3;  // room for the ellipsis, three bytes in UTF-8
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\u2026";
}

void write_rule(JsonWriter& w, const rules::Rule& r) {
  w.StartObject();
  write_field(w, "id", r.id);
  write_field(w, "name", rule_name(r.id));
  text_object(w, "shortDescription", fit_description(r.title));
  text_object(w, "fullDescription",
              fit_description(r.description.empty() ? r.title : r.description));
  // The same help text `cmkguard explain` prints.
  const std::string help = render_rule_help_text(r);
  const std::string markdown = render_rule_help_markdown(r);
  w.Key("help");
  w.StartObject();
  write_field(w, "text", help.empty() ? r.title : help);
  write_field(w, "markdown", markdown.empty() ? r.title : markdown);
  w.EndObject();
  // The rule's first reference, a Microsoft page stating the requirement it checks: the project
  // publishes no per-rule pages at a stable URL (docs/rule-catalogue.md is one table inside the
  // repository, which a viewer of someone else's repository cannot resolve).
  if (!r.references.empty()) write_field(w, "helpUri", r.references.front());
  w.Key("defaultConfiguration");
  w.StartObject();
  write_field(w, "level", level_of(r.severity));
  w.EndObject();
  w.Key("properties");
  w.StartObject();
  write_field(w, "security-severity", security_severity(r.severity));
  write_field(w, "severity", rules::severity_name(r.severity));
  write_field(w, "precision", "high");
  w.Key("tags");
  w.StartArray();
  w.String("security");
  w.String("customer-managed-keys");
  for (const auto& [framework, controls] : r.compliance) {
    for (const std::string& c : controls) write_string(w, framework + ":" + c);
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

}  // namespace

std::string render_sarif(const pipeline::ScanResult& scan, const std::vector<rules::Rule>& rules,
                         const ReportOptions& given, SarifProfile profile) {
  ReportOptions options = given;
  options.show_suppressed = true;  // SARIF viewers show suppressions as such
  JsonDocument document;
  JsonWriter& w = document.writer();
  w.StartObject();
  write_field(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  write_field(w, "version", "2.1.0");
  w.Key("runs");
  w.StartArray();
  w.StartObject();

  std::map<std::string, size_t> index;
  w.Key("tool");
  w.StartObject();
  w.Key("driver");
  w.StartObject();
  write_field(w, "name", "cmkguard");
  write_field(w, "fullName",
              std::string("cmkguard ") + kVersion +
                  ": customer-managed key checks for Azure Resource Manager templates");
  write_field(w, "version", kVersion);
  write_field(w, "semanticVersion", kVersion);
  write_field(w, "informationUri",
              "https://learn.microsoft.com/azure/ai-services/encryption/"
              "cognitive-services-encryption-keys-portal");
  w.Key("rules");
  w.StartArray();
  for (const rules::Rule& r : rules) {
    index[r.id] = index.size();
    write_rule(w, r);
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();

  // The analysis category GitHub keeps alerts apart by; in an Azure Pipelines run, the run
  // identity GitHub Advanced Security for Azure DevOps ingests the run by.
  w.Key("automationDetails");
  w.StartObject();
  if (const auto& ado = options.azure_pipeline; ado && profile == SarifProfile::Standard) {
    write_field(w, "id", ado->automation_id());
    w.Key("properties");
    w.StartObject();
    // A string holding the integer, as the ingestion reads it (the Multitool's check too).
    write_field(w, "azuredevops/pipeline/build/buildDefinitionId", ado->definition_id);
    write_field(w, "azuredevops/pipeline/build/buildDefinitionName", ado->definition_name);
    write_field(w, "azuredevops/pipeline/build/phaseId", ado->phase_id);
    write_field(w, "azuredevops/pipeline/build/phaseName", ado->phase_name);
    w.EndObject();
  } else {
    write_field(w, "id", "cmkguard/");
  }
  w.EndObject();

  const std::string root = source_root();
  w.Key("originalUriBaseIds");
  w.StartObject();
  w.Key(kSourceRoot);
  w.StartObject();
  write_field(w, "uri", to_uri(root.empty() || root.back() == '/' ? root : root + "/"));
  w.EndObject();
  w.EndObject();

  write_field(w, "columnKind", "unicodeCodePoints");

  w.Key("results");
  w.StartArray();
  for (const rules::Finding& f : scan.findings) {
    if (!is_shown(f, options)) continue;
    const bool open = f.result == rules::Outcome::Fail && !f.suppression && !f.in_baseline;
    if (profile == SarifProfile::GitHubCodeScanning && !open) continue;
    w.StartObject();
    write_field(w, "ruleId", f.rule->id);
    if (auto it = index.find(f.rule->id); it != index.end()) {
      w.Key("ruleIndex");
      w.Uint64(it->second);
    }
    // Kinds, levels, suppressions and baseline states follow the SARIF standard, which Azure
    // DevOps and SARIF viewers honour. GitHub code scanning does not: its supported subset
    // (https://docs.github.com/en/code-security/reference/code-scanning/sarif-files/
    // sarif-support-for-code-scanning) has no `kind`, `suppressions` or `baselineState`, and it
    // rates every result of a rule with `security-severity` by that score, not by `level`. A pass,
    // an unknown, a suppressed or a baselined finding therefore becomes an open alert there, as
    // severe as a failure. The GitHub profile leaves them out: a finding that is suppressed or
    // baselined later drops out of the upload, and GitHub closes its alert.
    switch (f.result) {
      case rules::Outcome::Fail:
        write_field(w, "kind", "fail");
        write_field(w, "level", level_of(f.rule->severity));
        break;
      case rules::Outcome::Unknown:
        write_field(w, "kind", "review");
        write_field(w, "level", "none");
        break;
      case rules::Outcome::Pass:
        write_field(w, "kind", "pass");
        write_field(w, "level", "none");
        break;
    }
    text_object(w, "message", f.message);
    w.Key("locations");
    w.StartArray();
    w.StartObject();
    physical_location(w, root, f.file, f.line, f.column);
    w.Key("logicalLocations");
    w.StartArray();
    w.StartObject();
    write_field(w, "name", f.evaluated_name.value_or(f.resource_name));
    write_field(w, "fullyQualifiedName",
                f.resource_type + "/" + f.evaluated_name.value_or(f.resource_name));
    write_field(w, "kind", "resource");
    w.EndObject();
    w.EndArray();
    w.EndObject();
    w.EndArray();
    if (!f.related.empty()) {
      w.Key("relatedLocations");
      w.StartArray();
      for (size_t i = 0; i < f.related.size(); ++i) {
        const rules::RelatedLocation& r = f.related[i];
        w.StartObject();
        w.Key("id");
        w.Uint64(i);
        physical_location(w, root, r.file, r.line, r.column);
        text_object(w, "message", r.message);
        w.EndObject();
      }
      w.EndArray();
    }
    if (f.suppression) {
      w.Key("suppressions");
      w.StartArray();
      w.StartObject();
      write_field(w, "kind", f.suppression->in_source ? "inSource" : "external");
      write_field(w, "status", "accepted");
      write_field(w, "justification", f.suppression->justification);
      w.EndObject();
      w.EndArray();
    }
    if (options.baseline_active)
      write_field(w, "baselineState", f.in_baseline ? "unchanged" : "new");
    w.Key("partialFingerprints");
    w.StartObject();
    write_field(w, "cmkguardFinding/v2", finding_fingerprint(f));
    w.EndObject();
    w.Key("properties");
    w.StartObject();
    write_field(w, "result", rules::outcome_name(f.result));
    write_field(w, "severity", rules::severity_name(f.rule->severity));
    write_field(w, "resourceType", f.resource_type);
    write_field(w, "resourceName", f.resource_name);
    if (!f.path.empty()) write_field(w, "path", f.path);
    if (!f.condition.empty()) write_field(w, "condition", f.condition);
    if (f.result == rules::Outcome::Unknown) {
      write_field(w, "unknownReason", f.unknown_reason);
      if (!f.unknown_expression.empty()) write_field(w, "unknownExpression", f.unknown_expression);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();

  w.Key("invocations");
  w.StartArray();
  w.StartObject();
  w.Key("executionSuccessful");
  w.Bool(!has_errors(scan.diagnostics));
  w.Key("toolExecutionNotifications");
  w.StartArray();
  for (const Diagnostic& d : scan.diagnostics) {
    if (d.level == DiagnosticLevel::Note) continue;
    w.StartObject();
    write_field(w, "level", d.level == DiagnosticLevel::Error ? "error" : "warning");
    text_object(w, "message", d.message);
    if (!d.file.empty()) {
      w.Key("locations");
      w.StartArray();
      w.StartObject();
      physical_location(w, root, d.file, d.line, d.column);
      w.EndObject();
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndArray();

  w.EndObject();
  w.EndArray();
  w.EndObject();
  return document.text();
}

}  // namespace cmk::report
