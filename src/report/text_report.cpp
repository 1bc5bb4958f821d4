#include "report/text_report.hpp"

#include "util/terminal_text.hpp"

namespace cmk::report {

namespace {

// `text` in an ANSI colour (SGR parameters `sgr`) when `on`.
std::string paint(const std::string& text, const char* sgr, bool on) {
  return on ? "\x1b[" + std::string(sgr) + "m" + text + "\x1b[0m" : text;
}

const char* severity_colour(rules::Severity s) {
  switch (s) {
    case rules::Severity::Critical:
    case rules::Severity::High:
      return "1;31";
    case rules::Severity::Medium:
      return "33";
    default:
      return "34";
  }
}

}  // namespace

std::string render_text(const pipeline::ScanResult& scan, const ReportOptions& options) {
  std::string out;
  size_t fails = 0, unknowns = 0, passes = 0, failing = 0, suppressed = 0, baseline = 0;
  for (const rules::Finding& f : scan.findings) {
    suppressed += f.suppression.has_value();
    baseline += f.in_baseline;
    fails += f.result == rules::Outcome::Fail;
    unknowns += f.result == rules::Outcome::Unknown;
    passes += f.result == rules::Outcome::Pass;
    failing += is_failing(f, options);
    if (!is_shown(f, options)) continue;
    // Names, messages and paths come from the input: each piece is made terminal-safe, so one
    // finding is one line whatever they hold, and only our own colour codes reach the terminal.
    const bool c = options.color;
    std::string line =
        paint(terminal_safe(f.file + ':' + std::to_string(f.line) + ':' + std::to_string(f.column)),
              "1", c) +
        ": " + paint(rules::severity_name(f.rule->severity), severity_colour(f.rule->severity), c) +
        ": ";
    if (f.result != rules::Outcome::Fail) {
      line +=
          paint(rules::outcome_name(f.result), f.result == rules::Outcome::Pass ? "32" : "33", c) +
          ": ";
    }
    std::string tail;
    for (const rules::RelatedLocation& r : f.related) {
      tail += " (" + r.message + " at " + r.file + ":" + std::to_string(r.line) + ":" +
              std::to_string(r.column) + ")";
    }
    if (!f.condition.empty()) tail += " (if deployed: condition " + f.condition + ")";
    if (f.suppression) tail += " (suppressed: " + f.suppression->justification + ")";
    if (f.in_baseline) tail += " (in baseline)";
    out += line + terminal_safe(f.message) + " [" + paint(terminal_safe(f.rule->id), "36", c) +
           "]" + terminal_safe(tail) + "\n";
  }
  size_t input_errors = 0, warnings = 0;
  for (const Diagnostic& d : scan.diagnostics) {
    input_errors += d.level == DiagnosticLevel::Error;
    warnings += d.level == DiagnosticLevel::Warning;
  }
  const auto& s = scan.stats;
  out += std::to_string(s.files) + " file(s) scanned (" + std::to_string(s.templates) +
         " template(s), " + std::to_string(s.live_files) + " live export(s), " +
         std::to_string(s.resources) + " resource(s)): " + std::to_string(fails) + " failed, " +
         std::to_string(unknowns) + " unknown, " + std::to_string(passes) + " passed" +
         (suppressed ? ", " + std::to_string(suppressed) + " suppressed" : "") +
         (baseline ? ", " + std::to_string(baseline) + " in baseline" : "") +
         (input_errors ? ", " + std::to_string(input_errors) + " input error(s)" : "") +
         (warnings ? ", " + std::to_string(warnings) + " warning(s)" : "") + "; " +
         (options.fail_never ? std::string("nothing fails (--fail-on none)")
                             : std::to_string(failing) + " at or above --fail-on " +
                                   rules::severity_name(options.fail_on)) +
         "\n";
  return out;
}

}  // namespace cmk::report
