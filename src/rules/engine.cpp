#include "rules/engine.hpp"

#include "rules/condition_eval.hpp"

namespace cmk::rules {

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Pass:
      return "pass";
    case Outcome::Fail:
      return "fail";
    case Outcome::Unknown:
      return "unknown";
  }
  return "?";
}

std::string render_message(const std::string& tmpl, const arm::Resource& resource,
                           const std::string& path, const std::string& actual) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      const size_t close = tmpl.find('}', i);
      if (close != std::string::npos) {
        const std::string key = tmpl.substr(i + 1, close - i - 1);
        const std::string* value = key == "name"     ? &resource.display_name()
                                   : key == "type"   ? &resource.type
                                   : key == "path"   ? &path
                                   : key == "actual" ? &actual
                                                     : nullptr;
        if (value) {
          // Names are quoted so an expression or an odd name reads as one token.
          out += key == "name" ? '\'' + *value + '\'' : *value;
          i = close;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  return out;
}

namespace {

std::string describe_actual(const Verdict& v) {
  if (!v.actual) return "absent";
  std::string text = json::to_json(*v.actual);
  if (v.defaulted) text += " (Azure's default)";
  return text;
}

Finding make_finding(const Rule& rule, const arm::Resource& res, const Verdict& v, Outcome o) {
  Finding f;
  f.rule = &rule;
  f.result = o;
  f.file = res.source->path();
  const uint32_t offset = v.offset != json::kNoOffset ? v.offset : res.offset;
  const json::Position pos = res.source->position(offset == json::kNoOffset ? 0 : offset);
  f.line = pos.line;
  f.column = pos.column;
  f.resource_line = res.source->position(res.offset == json::kNoOffset ? 0 : res.offset).line;
  f.resource_type = res.type;
  f.resource_name = res.name;
  f.evaluated_name = res.evaluated_name;
  f.path = v.path;
  f.deployment_path = res.deployment_path;
  f.condition = res.conditional;
  const std::string actual = describe_actual(v);
  switch (o) {
    case Outcome::Fail:
      f.message = render_message(rule.message, res, v.path, actual);
      break;
    case Outcome::Pass:
      f.message = rule.title;
      break;
    case Outcome::Unknown:
      f.unknown_reason = v.unknown_reason;
      f.unknown_expression = v.unknown_expression;
      f.message = rule.title + ": cannot be decided before deployment: " +
                  (v.path.empty() ? "a property" : "'" + v.path + "'") + " " +
                  (v.unknown_reason.empty() ? "is not known" : "— " + v.unknown_reason);
      if (!v.unknown_expression.empty()) f.message += " (" + v.unknown_expression + ")";
      break;
  }
  return f;
}

}  // namespace

std::vector<Finding> run_rules(const std::vector<Rule>& rules, const arm::Model& model) {
  std::vector<Finding> findings;
  for (const arm::Resource& res : model.resources) {
    if (res.existing) continue;
    for (const Rule& rule : rules) {
      if (!rule.applies_to_type(res.type)) continue;
      Truth applies = Truth::True;
      if (rule.when) {
        applies = evaluate(*rule.when, res.body, res.api_version).truth;
        if (applies == Truth::False) continue;
      }
      const Verdict v = evaluate(*rule.assertion, res.body, res.api_version);
      Outcome o = v.truth == Truth::True    ? Outcome::Pass
                  : v.truth == Truth::False ? Outcome::Fail
                                            : Outcome::Unknown;
      Verdict shown = v;
      if (applies == Truth::Unknown && o == Outcome::Fail) {
        // It would fail, but whether the rule applies is not known: say what blocked that.
        o = Outcome::Unknown;
        const Verdict w = evaluate(*rule.when, res.body, res.api_version);
        shown.unknown_reason =
            "whether the rule applies is not known: " + w.path + " — " + w.unknown_reason;
        shown.unknown_expression = w.unknown_expression;
      }
      findings.push_back(make_finding(rule, res, shown, o));
    }
  }
  return findings;
}

}  // namespace cmk::rules
