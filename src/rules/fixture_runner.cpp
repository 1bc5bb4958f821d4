#include "rules/fixture_runner.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
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

// A folder `<name>.estate/`: its files are scanned together as one estate, every rule checked.
std::optional<fs::path> estate_of(const fs::path& p) {
  for (fs::path dir = p.parent_path(); !dir.empty() && dir != dir.parent_path();
       dir = dir.parent_path()) {
    if (dir.filename().string().ends_with(".estate")) return dir;
  }
  return std::nullopt;
}

struct Inputs {
  std::vector<fs::path> fixtures;
  std::map<fs::path, std::vector<fs::path>> estates;  // folder -> its JSON files, sorted
};

Inputs find_fixtures(const std::vector<std::string>& paths, Diagnostics& diags) {
  Inputs out;
  for (const auto& p : arm::collect_inputs(paths, diags)) {
    if (auto estate = estate_of(p)) {
      out.estates[*estate].push_back(p);
    } else if (is_fixture(p)) {
      out.fixtures.push_back(p);
    }
  }
  return out;
}

// The deployment context a fixture fixes, as --location etc. would:
// "metadata": {"cmkguardContext": {"tenantId": "...", "location": "...", "now": 1767225600}}.
bool read_context(const json::Value& root, arm::ModelOptions& options) {
  const json::Value* meta = root.find("metadata");
  const json::Value* ctx = meta ? meta->find("cmkguardContext") : nullptr;
  if (!ctx || !ctx->is_object()) return false;
  auto get = [&](const char* key) -> std::optional<std::string> {
    const json::Value* v = ctx->find(key);
    return v && v->is_string() ? std::optional(v->as_string()) : std::nullopt;
  };
  options.deployment.tenant_id = get("tenantId");
  options.deployment.subscription_id = get("subscriptionId");
  options.deployment.location = get("location");
  options.deployment.resource_group = get("resourceGroup");
  if (const json::Value* now = ctx->find("now"); now && now->is_int()) options.now = now->as_int();
  return true;
}

// One loaded file of a fixture or estate, with its model.
struct Judged {
  fs::path path;
  std::string display;
  arm::LoadResult loaded;
  arm::Model model;
};

}  // namespace

FixtureReport run_fixtures(const std::vector<Rule>& rules, const std::vector<std::string>& paths) {
  FixtureReport report;
  std::vector<std::string> ids;
  ids.reserve(rules.size());
  for (const Rule& r : rules) ids.push_back(r.id);
  std::map<std::string, std::set<Outcome>> covered;  // rule id -> annotated outcomes
  size_t rule_fixtures = 0;                          // fixtures that are not scenarios

  auto problem = [&](const std::string& file, uint32_t line, std::string message) {
    ++report.failed;
    report.problems.push_back(
        Diagnostic{DiagnosticLevel::Error, file, line, line ? 1u : 0u, std::move(message), {}});
  };
  auto suggest = [&](const std::string& id) { return did_you_mean(id, ids); };

  // Compares one file's results with its annotations: exactly, for the rules in `checked`.
  auto check = [&](const Judged& j, const std::vector<Finding>& findings,
                   std::set<std::string> checked) {
    const json::SourceText& source = *j.loaded.file->source;
    std::vector<uint32_t> resource_lines;
    for (const arm::Resource& r : j.model.resources) {
      if (r.source.get() == &source) resource_lines.push_back(source.position(r.offset).line);
    }
    std::sort(resource_lines.begin(), resource_lines.end());

    // (resource line, rule id) -> expected outcome
    std::map<std::pair<uint32_t, std::string>, std::pair<Outcome, uint32_t>> expected;
    for (const Annotation& a : read_annotations(source)) {
      if (std::find(ids.begin(), ids.end(), a.rule_id) == ids.end()) {
        problem(j.display, a.line,
                "annotation names no loaded rule '" + a.rule_id + "'" + suggest(a.rule_id));
        continue;
      }
      auto next = std::upper_bound(resource_lines.begin(), resource_lines.end(), a.line);
      if (next == resource_lines.end()) {
        problem(j.display, a.line, "annotation is followed by no resource");
        continue;
      }
      checked.insert(a.rule_id);
      covered[a.rule_id].insert(a.expected);
      expected[{*next, a.rule_id}] = {a.expected, a.line};
    }

    std::set<std::pair<uint32_t, std::string>> seen;
    for (const Finding& f : findings) {
      if (!checked.count(f.rule->id) || f.file != source.path()) continue;  // not linked files
      const auto key = std::make_pair(f.resource_line, f.rule->id);
      seen.insert(key);
      auto it = expected.find(key);
      if (it == expected.end()) {
        if (f.result != Outcome::Pass) {
          problem(j.display, f.line,
                  std::string("unexpected ") + outcome_name(f.result) + " of " + f.rule->id +
                      " (annotate it or fix the rule): " + f.message);
        }
        continue;
      }
      if (it->second.first == f.result) {
        ++report.passed;
      } else {
        problem(j.display, it->second.second,
                "expected " + std::string(outcome_name(it->second.first)) + " of " + f.rule->id +
                    " for the resource at line " + std::to_string(f.resource_line) + ", got " +
                    outcome_name(f.result) + ": " + f.message);
      }
    }
    for (const auto& [key, exp] : expected) {
      if (!seen.count(key)) {
        problem(j.display, exp.second,
                "expected " + std::string(outcome_name(exp.first)) + " of " + key.second +
                    " for the resource at line " + std::to_string(key.first) +
                    ", but the rule does not apply to it");
      }
    }
  };

  // Loads a file; false (with its problems reported) when it cannot be judged.
  auto load = [&](Judged& j) {
    j.display = j.path.lexically_normal().generic_string();
    j.loaded = arm::load_file(j.path, j.display);
    if (j.loaded.file && (j.loaded.file->kind == arm::FileKind::Template ||
                          j.loaded.file->kind == arm::FileKind::LiveResources)) {
      return true;
    }
    if (j.loaded.file) {
      // Its annotations would all be "followed by no resource": say why instead.
      problem(j.display, 0,
              "neither an ARM template (its $schema names no deployment template) nor exported "
              "resources, so nothing in it is judged");
      return false;
    }
    for (Diagnostic& d : j.loaded.diagnostics) {
      ++report.failed;
      report.problems.push_back(std::move(d));
    }
    return false;
  };
  auto build = [&](Judged& j, const arm::ModelOptions& options) {
    j.model = arm::build_model(*j.loaded.file, options);
    for (const Diagnostic& d : j.model.diagnostics) {
      if (d.level == DiagnosticLevel::Error) problem(d.file, d.line, d.message);
    }
  };

  const Inputs inputs = find_fixtures(paths, report.problems);
  for (const fs::path& path : inputs.fixtures) {
    ++report.fixtures;
    Judged j;
    j.path = path;
    if (!load(j)) continue;
    const bool scenario = is_scenario(path);
    rule_fixtures += scenario ? 0 : 1;
    const std::string owner =
        path.filename().string().substr(0, path.filename().string().find('.'));
    std::set<std::string> checked = {owner};
    if (scenario) {
      checked = std::set<std::string>(ids.begin(), ids.end());
    } else if (std::find(ids.begin(), ids.end(), owner) == ids.end()) {
      problem(j.display, 0, "fixture names no loaded rule '" + owner + "'" + suggest(owner));
      continue;
    }
    // A fixture may pair a parameters file: <fixture>.parameters.json beside it.
    arm::ModelOptions model_options;
    model_options.parameters = arm::paired_parameter_values(path, report.problems);
    read_context(j.loaded.file->root, model_options);
    build(j, model_options);
    check(j, run_rules(rules, j.model), checked);
  }

  // Estates: every file scanned together with one deployment context, every rule checked.
  for (const auto& [dir, files] : inputs.estates) {
    ++report.fixtures;
    std::vector<std::unique_ptr<Judged>> judged;
    arm::ModelOptions context;
    for (const fs::path& path : files) {
      auto j = std::make_unique<Judged>();
      j->path = path;
      if (!load(*j)) continue;
      read_context(j->loaded.file->root, context);
      judged.push_back(std::move(j));
    }
    Estate estate;
    for (auto& j : judged) {
      build(*j, context);
      estate.add(j->model);
    }
    const std::set<std::string> all(ids.begin(), ids.end());
    for (const auto& j : judged) check(*j, run_rules(rules, j->model, &estate), all);
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
