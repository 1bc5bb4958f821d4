#include "rules/fixture_runner.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "arm/input_file.hpp"
#include "arm/parameters.hpp"
#include "arm/template_model.hpp"
#include "rules/engine.hpp"
#include "util/spelling.hpp"

namespace cmk::rules {

namespace {

namespace fs = std::filesystem;

struct Annotation {
  uint32_t line = 0;  // of the comment
  Outcome expected = Outcome::Fail;
  std::string rule_id;
};

std::vector<Annotation> read_annotations(const json::SourceText& src) {
  static const RE2 pattern(R"(//\s*(ruleid|ok|unknown)\s*:\s*([A-Za-z0-9_,\s-]+))");
  std::vector<Annotation> out;
  for (uint32_t line = 1; line <= src.line_count(); ++line) {
    const std::string_view text = src.line_text(line);
    std::string kind, ids;
    if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), pattern, &kind, &ids)) {
      continue;
    }
    const Outcome expected = kind == "ruleid" ? Outcome::Fail
                             : kind == "ok"   ? Outcome::Pass
                                              : Outcome::Unknown;
    std::string id;
    for (char c : ids + ",") {
      if (c == ',' || c == ' ' || c == '\t') {
        if (!id.empty()) out.push_back({line, expected, id});
        id.clear();
      } else {
        id += c;
      }
    }
  }
  return out;
}

// A whole deployment judged by every rule: any fail or unknown it does not annotate is wrong.
bool is_scenario(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.ends_with(".scenario.json") || name.ends_with(".scenario.jsonc");
}

bool is_fixture(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.ends_with(".fixture.json") || name.ends_with(".fixture.jsonc") || is_scenario(p);
}

std::vector<fs::path> find_fixtures(const std::vector<std::string>& paths, Diagnostics& diags) {
  std::vector<fs::path> out;
  for (const auto& p : arm::collect_inputs(paths, diags)) {
    if (is_fixture(p)) out.push_back(p);
  }
  return out;
}

}  // namespace

FixtureReport run_fixtures(const std::vector<Rule>& rules, const std::vector<std::string>& paths) {
  FixtureReport report;
  std::vector<std::string> ids;
  for (const Rule& r : rules) ids.push_back(r.id);
  std::map<std::string, std::set<Outcome>> covered;  // rule id -> annotated outcomes
  size_t rule_fixtures = 0;                          // fixtures that are not scenarios

  auto problem = [&](const std::string& file, uint32_t line, std::string message) {
    ++report.failed;
    report.problems.push_back(
        Diagnostic{DiagnosticLevel::Error, file, line, line ? 1u : 0u, std::move(message), {}});
  };

  for (const fs::path& path : find_fixtures(paths, report.problems)) {
    ++report.fixtures;
    const std::string display = path.lexically_normal().generic_string();
    arm::LoadResult loaded = arm::load_file(path, display);
    if (!loaded.file) {
      for (Diagnostic& d : loaded.diagnostics) {
        ++report.failed;
        report.problems.push_back(std::move(d));
      }
      continue;
    }
    const bool scenario = is_scenario(path);
    rule_fixtures += scenario ? 0 : 1;
    const std::string owner =
        path.filename().string().substr(0, path.filename().string().find('.'));
    std::set<std::string> checked = {owner};
    if (scenario) {
      checked = std::set<std::string>(ids.begin(), ids.end());
    } else if (std::find(ids.begin(), ids.end(), owner) == ids.end()) {
      auto best = closest_match(owner, ids);
      problem(display, 0,
              "fixture names no loaded rule '" + owner + "'" +
                  (best ? " (did you mean '" + *best + "'?)" : ""));
      continue;
    }

    // A fixture may pair a parameters file: <fixture>.parameters.json beside it.
    arm::ModelOptions model_options;
    model_options.parameters = arm::paired_parameter_values(path, report.problems);
    // A fixture may fix the deployment context as --location etc. would:
    // "metadata": {"cmkguardContext": {"tenantId": "...", "location": "..."}}.
    if (const json::Value* meta = loaded.file->root.find("metadata")) {
      if (const json::Value* ctx = meta->find("cmkguardContext"); ctx && ctx->is_object()) {
        auto get = [&](const char* key) -> std::optional<std::string> {
          const json::Value* v = ctx->find(key);
          return v && v->is_string() ? std::optional(v->as_string()) : std::nullopt;
        };
        model_options.deployment.tenant_id = get("tenantId");
        model_options.deployment.subscription_id = get("subscriptionId");
        model_options.deployment.location = get("location");
        model_options.deployment.resource_group = get("resourceGroup");
        if (const json::Value* now = ctx->find("now"); now && now->is_int()) {
          model_options.now = now->as_int();
        }
      }
    }
    const arm::Model model = arm::build_model(*loaded.file, model_options);
    for (const Diagnostic& d : model.diagnostics) {
      if (d.level == DiagnosticLevel::Error) problem(d.file, d.line, d.message);
    }
    const std::vector<Finding> findings = run_rules(rules, model);
    std::vector<uint32_t> resource_lines;
    // Annotations are read from the fixture itself, not from templates it links to.
    for (const arm::Resource& r : model.resources) {
      if (r.source != loaded.file->source) continue;
      resource_lines.push_back(loaded.file->source->position(r.offset).line);
    }
    std::sort(resource_lines.begin(), resource_lines.end());

    // (resource line, rule id) -> expected outcome
    std::map<std::pair<uint32_t, std::string>, std::pair<Outcome, uint32_t>> expected;
    for (const Annotation& a : read_annotations(*loaded.file->source)) {
      if (std::find(ids.begin(), ids.end(), a.rule_id) == ids.end()) {
        auto best = closest_match(a.rule_id, ids);
        problem(display, a.line,
                "annotation names no loaded rule '" + a.rule_id + "'" +
                    (best ? " (did you mean '" + *best + "'?)" : ""));
        continue;
      }
      auto next = std::upper_bound(resource_lines.begin(), resource_lines.end(), a.line);
      if (next == resource_lines.end()) {
        problem(display, a.line, "annotation is followed by no resource");
        continue;
      }
      checked.insert(a.rule_id);
      covered[a.rule_id].insert(a.expected);
      expected[{*next, a.rule_id}] = {a.expected, a.line};
    }

    std::set<std::pair<uint32_t, std::string>> seen;
    for (const Finding& f : findings) {
      if (!checked.count(f.rule->id) || f.file != loaded.file->source->path()) continue;
      const auto key = std::make_pair(f.resource_line, f.rule->id);
      seen.insert(key);
      auto it = expected.find(key);
      if (it == expected.end()) {
        if (f.result != Outcome::Pass) {
          problem(display, f.line,
                  std::string("unexpected ") + outcome_name(f.result) + " of " + f.rule->id +
                      " (annotate it or fix the rule): " + f.message);
        }
        continue;
      }
      if (it->second.first == f.result) {
        ++report.passed;
      } else {
        problem(display, it->second.second,
                "expected " + std::string(outcome_name(it->second.first)) + " of " + f.rule->id +
                    " for the resource at line " + std::to_string(f.resource_line) + ", got " +
                    outcome_name(f.result) + ": " + f.message);
      }
    }
    for (const auto& [key, exp] : expected) {
      if (!seen.count(key)) {
        problem(display, exp.second,
                "expected " + std::string(outcome_name(exp.first)) + " of " + key.second +
                    " for the resource at line " + std::to_string(key.first) +
                    ", but the rule does not apply to it");
      }
    }
  }

  for (const Rule& r : rules) {
    if (rule_fixtures == 0) break;  // scenarios only: coverage is the rule fixtures' concern
    const auto& outcomes = covered[r.id];
    if (!outcomes.count(Outcome::Fail) || !outcomes.count(Outcome::Pass)) {
      problem(r.source.file, r.source.line,
              "rule " + r.id + " needs fixtures with at least one 'ruleid' and one 'ok' case");
    }
  }
  return report;
}

}  // namespace cmk::rules
