#include "report/values_report.hpp"

#include "util/terminal_text.hpp"

namespace cmk::report {

namespace {

std::string leaf(const json::Value& v) {
  switch (v.kind()) {
    case json::Kind::Unknown: {
      std::string out = "<unknown: " + v.unknown_info().reason;
      if (!v.unknown_info().expression.empty()) out += " — " + v.unknown_info().expression;
      return out + ">";
    }
    case json::Kind::Symbolic:
      return "<deployment value: " + v.symbolic_info().name + ">";
    default:
      return json::to_json(v);
  }
}

void flatten(const json::Value& v, const std::string& path, std::string& out) {
  if (v.is_object() && !v.members().empty()) {
    for (const json::Member& m : v.members()) {
      flatten(m.value, path.empty() ? m.key : path + "." + m.key, out);
    }
    return;
  }
  if (v.is_array() && !v.items().empty()) {
    for (size_t i = 0; i < v.items().size(); ++i) {
      flatten(v.items()[i], path + "[" + std::to_string(i) + "]", out);
    }
    return;
  }
  // Keys and values come from the input and are printed on a terminal: one property, one line.
  out += "  " + terminal_safe(path + " = " + leaf(v)) + "\n";
}

}  // namespace

std::string render_values(const std::vector<pipeline::ResourceValues>& resources) {
  std::string out;
  for (const pipeline::ResourceValues& r : resources) {
    std::string line = r.file + ":" + std::to_string(r.line) + ":" + std::to_string(r.column) +
                       ": " + r.type + " '" + r.evaluated_name.value_or(r.name) + "'";
    if (!r.evaluated_name || *r.evaluated_name != r.name) line += " (written " + r.name + ")";
    if (r.existing) line += " (existing: referenced, not deployed)";
    if (!r.condition.empty()) line += " (deployed only if " + r.condition + ")";
    out += terminal_safe(line) + "\n";
    flatten(r.body, "", out);
  }
  return out;
}

}  // namespace cmk::report
