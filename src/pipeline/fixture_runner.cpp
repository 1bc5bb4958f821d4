#include "pipeline/fixture_runner.hpp"

#include <date/date.h>
#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "arm/input_file.hpp"
#include "arm/input_walk.hpp"
#include "arm/template_inputs.hpp"
#include "pipeline/prepared_input.hpp"
#include "pipeline/scan.hpp"
#include "util/spelling.hpp"

namespace cmk::pipeline {

using rules::Finding;
using rules::Outcome;
using rules::outcome_name;

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
// It is one more source of template inputs: the fixture is then scanned like any template.
void read_context(const json::Value& root, arm::TemplateInputs& inputs) {
  const json::Value* meta = root.find("metadata");
  const json::Value* ctx = meta ? meta->find("cmkguardContext") : nullptr;
  if (!ctx || !ctx->is_object()) return;
  auto get = [&](const char* key) -> std::optional<std::string> {
    const json::Value* v = ctx->find(key);
    return v && v->is_string() ? std::optional(v->as_string()) : std::nullopt;
  };
  inputs.deployment.tenant_id = get("tenantId");
  inputs.deployment.subscription_id = get("subscriptionId");
  inputs.deployment.location = get("location");
  inputs.deployment.resource_group = get("resourceGroup");
  if (const json::Value* now = ctx->find("now"); now && now->is_int()) inputs.now = now->as_int();
}

// The day suppressions expire against: the fixture's `now`, else today (UTC).
std::string today_for(const arm::TemplateInputs& inputs) {
  const auto now = inputs.now
                       ? date::sys_seconds{std::chrono::seconds{*inputs.now}}
                       : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return date::format("%Y-%m-%d", now);
}

// A fixture file read for its annotations and context; the scan reads it again.
struct FixtureFile {
  fs::path path;
  std::string display;
  arm::LoadResult loaded;
};

}  // namespace

FixtureReport run_fixtures(const std::vector<rules::Rule>& rules,
                           const std::vector<std::string>& paths) {
  FixtureReport report;
  std::vector<std::string> ids;
  ids.reserve(rules.size());
  for (const rules::Rule& r : rules) ids.push_back(r.id);
  std::map<std::string, std::set<Outcome>> covered;  // rule id -> annotated outcomes
  size_t rule_fixtures = 0;                          // fixtures that are not scenarios

  auto problem = [&](const std::string& file, uint32_t line, std::string message) {
    ++report.failed;
    report.problems.push_back(
        Diagnostic{DiagnosticLevel::Error, file, line, line ? 1u : 0u, std::move(message), {}});
  };
  auto suggest = [&](const std::string& id) { return did_you_mean(id, ids); };

  // Compares one file's results in a scan with its annotations: exactly, for the rules in
  // `checked`.
  auto check = [&](const FixtureFile& fixture, const ScanResult& scanned,
                   std::set<std::string> checked) {
    const json::SourceText& source = *fixture.loaded.file->source;
    std::vector<uint32_t> resource_lines;
    for (const ResourceValues& r : scanned.values) {
      if (r.file == fixture.display) resource_lines.push_back(r.line);
    }
    std::sort(resource_lines.begin(), resource_lines.end());

    // (resource line, rule id) -> expected outcome
    std::map<std::pair<uint32_t, std::string>, std::pair<Outcome, uint32_t>> expected;
    for (const Annotation& a : read_annotations(source)) {
      if (std::find(ids.begin(), ids.end(), a.rule_id) == ids.end()) {
        problem(fixture.display, a.line,
                "annotation names no loaded rule '" + a.rule_id + "'" + suggest(a.rule_id));
        continue;
      }
      auto next = std::upper_bound(resource_lines.begin(), resource_lines.end(), a.line);
      if (next == resource_lines.end()) {
        problem(fixture.display, a.line, "annotation is followed by no resource");
        continue;
      }
      checked.insert(a.rule_id);
      covered[a.rule_id].insert(a.expected);
      expected[{*next, a.rule_id}] = {a.expected, a.line};
    }

    std::set<std::pair<uint32_t, std::string>> seen;
    for (const Finding& f : scanned.findings) {
      // Findings in linked templates belong to those files.
      if (!checked.count(f.rule->id) || f.file != fixture.display) continue;
      const auto key = std::make_pair(f.resource_line, f.rule->id);
      seen.insert(key);
      auto it = expected.find(key);
      if (it == expected.end()) {
        if (f.result != Outcome::Pass) {
          problem(fixture.display, f.line,
                  std::string("unexpected ") + outcome_name(f.result) + " of " + f.rule->id +
                      " (annotate it or fix the rule): " + f.message);
        }
        continue;
      }
      if (it->second.first == f.result) {
        ++report.passed;
      } else {
        problem(fixture.display, it->second.second,
                "expected " + std::string(outcome_name(it->second.first)) + " of " + f.rule->id +
                    " for the resource at line " + std::to_string(f.resource_line) + ", got " +
                    outcome_name(f.result) + ": " + f.message);
      }
    }
    for (const auto& [key, exp] : expected) {
      if (!seen.count(key)) {
        problem(fixture.display, exp.second,
                "expected " + std::string(outcome_name(exp.first)) + " of " + key.second +
                    " for the resource at line " + std::to_string(key.first) +
                    ", but the rule does not apply to it");
      }
    }
  };

  // Reads a fixture for its annotations and context; false (with its problems reported) when it
  // cannot be judged.
  auto load = [&](FixtureFile& fixture) {
    fixture.display = input_display_name(fixture.path);
    fixture.loaded = arm::load_file(fixture.path, fixture.display);
    if (fixture.loaded.file && (fixture.loaded.file->kind == arm::FileKind::Template ||
                                fixture.loaded.file->kind == arm::FileKind::LiveResources)) {
      return true;
    }
    if (fixture.loaded.file) {
      // Its annotations would all be "followed by no resource": say why instead.
      problem(fixture.display, 0,
              "neither an ARM template (its $schema names no deployment template) nor exported "
              "resources, so nothing in it is judged");
      return false;
    }
    for (Diagnostic& d : fixture.loaded.diagnostics) {
      ++report.failed;
      report.problems.push_back(std::move(d));
    }
    return false;
  };
  // Scans fixture files as `cmkguard scan` would, with the context they fix; their input and
  // evaluation errors are problems.
  auto scan_fixtures = [&](const std::vector<const FixtureFile*>& files,
                           const arm::TemplateInputs& inputs) {
    ScanOptions options;
    for (const FixtureFile* f : files) options.paths.push_back(f->path.string());
    options.input.inputs = inputs;
    options.today = today_for(inputs);
    options.keep_values = true;
    ScanResult scanned = scan(rules, options);
    for (const Diagnostic& d : scanned.diagnostics) {
      if (d.level == DiagnosticLevel::Error) problem(d.file, d.line, d.message);
    }
    return scanned;
  };

  const Inputs inputs = find_fixtures(paths, report.problems);
  for (const fs::path& path : inputs.fixtures) {
    ++report.fixtures;
    FixtureFile fixture;
    fixture.path = path;
    if (!load(fixture)) continue;
    const bool scenario = is_scenario(path);
    rule_fixtures += scenario ? 0 : 1;
    const std::string owner =
        path.filename().string().substr(0, path.filename().string().find('.'));
    std::set<std::string> checked = {owner};
    if (scenario) {
      checked = std::set<std::string>(ids.begin(), ids.end());
    } else if (std::find(ids.begin(), ids.end(), owner) == ids.end()) {
      problem(fixture.display, 0, "fixture names no loaded rule '" + owner + "'" + suggest(owner));
      continue;
    }
    // A fixture may pair a parameters file, <fixture>.parameters.json beside it, as any
    // template may.
    arm::TemplateInputs template_inputs;
    read_context(fixture.loaded.file->root, template_inputs);
    check(fixture, scan_fixtures({&fixture}, template_inputs), checked);
  }

  // Estates: every file scanned together with one deployment context, every rule checked.
  for (const auto& [dir, files] : inputs.estates) {
    ++report.fixtures;
    std::vector<FixtureFile> loaded;
    loaded.reserve(files.size());
    arm::TemplateInputs context;
    for (const fs::path& path : files) {
      FixtureFile fixture;
      fixture.path = path;
      if (!load(fixture)) continue;
      read_context(fixture.loaded.file->root, context);
      loaded.push_back(std::move(fixture));
    }
    std::vector<const FixtureFile*> judged;
    judged.reserve(loaded.size());
    for (const FixtureFile& f : loaded) judged.push_back(&f);
    const ScanResult scanned = scan_fixtures(judged, context);
    const std::set<std::string> all(ids.begin(), ids.end());
    for (const FixtureFile* f : judged) check(*f, scanned, all);
  }

  for (const rules::Rule& r : rules) {
    if (rule_fixtures == 0) break;  // scenarios only: coverage is the rule fixtures' concern
    const auto& outcomes = covered[r.id];
    if (!outcomes.count(Outcome::Fail) || !outcomes.count(Outcome::Pass)) {
      problem(r.source.file, r.source.line,
              "rule " + r.id + " needs fixtures with at least one 'ruleid' and one 'ok' case");
    }
  }
  return report;
}

}  // namespace cmk::pipeline
