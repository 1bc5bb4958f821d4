#include "rules/scan.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "arm/input_file.hpp"
#include "arm/template_model.hpp"
#include "rules/engine.hpp"

namespace cmk::rules {

namespace {

// Linked templates are followed within the scanned folders: each directory given, and the
// folder of each file given.
std::vector<std::filesystem::path> link_roots(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> roots;
  for (const std::string& arg : paths) {
    const std::filesystem::path p(arg);
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      roots.push_back(p);
    } else {
      roots.push_back(p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path());
    }
  }
  return roots;
}

// Marks suppressed findings, each by the comments and file globs of the file it points into:
// the template's own, or a linked template's. Findings come out grouped by file (the template
// first), each group in source order.
void suppress(std::vector<Finding>& found, const arm::InputFile& file, const std::string& display,
              const std::string& absolute, const arm::Model& model, SuppressionSet& suppressions,
              Diagnostics& diagnostics) {
  std::vector<std::vector<Finding>> by_file(model.linked_files.size() + 1);
  for (Finding& f : found) {
    size_t i = 0;
    while (i < model.linked_files.size() && model.linked_files[i]->source->path() != f.file) ++i;
    by_file[f.file == display || i == model.linked_files.size() ? 0 : i + 1].push_back(
        std::move(f));
  }
  found.clear();
  for (size_t i = 0; i < by_file.size(); ++i) {
    std::vector<Finding>& group = by_file[i];
    std::stable_sort(group.begin(), group.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    if (i == 0) {
      suppressions.apply(group, display, absolute, inline_suppressions(*file.source), diagnostics);
    } else {
      const arm::InputFile& linked = *model.linked_files[i - 1];
      suppressions.apply(group, linked.source->path(),
                         std::filesystem::absolute(linked.path).lexically_normal().generic_string(),
                         inline_suppressions(*linked.source), diagnostics);
    }
    for (Finding& f : group) found.push_back(std::move(f));
  }
}

ResourceValues snapshot(const arm::Resource& r) {
  const json::Position pos = r.source->position(r.offset == json::kNoOffset ? 0 : r.offset);
  return ResourceValues{r.source->path(), pos.line,      pos.column, r.type, r.name,
                        r.evaluated_name, r.conditional, r.existing, r.body};
}

}  // namespace

ScanResult scan(const std::vector<Rule>& rules, const ScanOptions& options) {
  ScanResult result;
  SuppressionSet suppressions(options.suppressions, options.today, result.diagnostics);
  const json::Value given = arm::given_parameter_values(options.inputs, result.diagnostics);
  const std::vector<std::filesystem::path> roots = link_roots(options.paths);
  // A linked template in the scanned folders is also scanned on its own: what both readings say
  // about one place is reported once.
  std::set<std::tuple<std::string, uint32_t, uint32_t, DiagnosticLevel, std::string>> said;
  std::set<std::tuple<std::string, std::string, uint32_t, uint32_t, Outcome, std::string>> found_at;
  for (const auto& path : arm::collect_inputs(options.paths, result.diagnostics)) {
    const std::string display = path.lexically_normal().generic_string();
    const std::string absolute =
        std::filesystem::absolute(path).lexically_normal().generic_string();
    if (std::any_of(options.exclude.begin(), options.exclude.end(),
                    [&](const auto& g) { return g->matches(absolute); })) {
      continue;
    }
    arm::LoadResult loaded = arm::load_file(path, display);
    ++result.stats.files;
    for (Diagnostic& d : loaded.diagnostics) result.diagnostics.push_back(std::move(d));
    if (!loaded.file) continue;
    const arm::InputFile& file = *loaded.file;
    switch (file.kind) {
      case arm::FileKind::Template:
        ++result.stats.templates;
        break;
      case arm::FileKind::Parameters:
        ++result.stats.parameter_files;
        continue;
      case arm::FileKind::LiveResources:
        ++result.stats.live_files;
        break;
      case arm::FileKind::Other:
        ++result.stats.skipped;
        result.diagnostics.push_back(
            Diagnostic{DiagnosticLevel::Note,
                       display,
                       0,
                       0,
                       "skipped: not an ARM template, parameters file or exported resource",
                       {}});
        continue;
    }
    arm::ModelOptions model_options;
    model_options.deployment = options.inputs.deployment;
    if (file.kind == arm::FileKind::Template) {
      model_options = arm::model_options_for(path, options.inputs, given, result.diagnostics);
    }
    model_options.link_roots = roots;
    arm::Model model = arm::build_model(file, model_options);
    if (options.keep_values) {
      for (const arm::Resource& r : model.resources) result.values.push_back(snapshot(r));
    }
    result.stats.resources += model.resources.size();
    for (Diagnostic& d : model.diagnostics) {
      if (said.emplace(d.file, d.line, d.column, d.level, d.message).second) {
        result.diagnostics.push_back(std::move(d));
      }
    }
    std::vector<Finding> found = run_rules(rules, model);
    suppress(found, file, display, absolute, model, suppressions, result.diagnostics);
    for (Finding& f : found) {
      if (found_at.emplace(f.rule->id, f.file, f.line, f.column, f.result, f.message).second) {
        result.findings.push_back(std::move(f));
      }
    }
  }
  suppressions.report_unused(result.diagnostics);
  return result;
}

}  // namespace cmk::rules
