#include "rules/scan.hpp"

#include <algorithm>

#include "arm/input_file.hpp"
#include "arm/template_model.hpp"
#include "rules/engine.hpp"

namespace cmk::rules {

namespace {

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
    arm::Model model = arm::build_model(file, model_options);
    if (options.keep_values) {
      for (const arm::Resource& r : model.resources) result.values.push_back(snapshot(r));
    }
    result.stats.resources += model.resources.size();
    for (Diagnostic& d : model.diagnostics) result.diagnostics.push_back(std::move(d));
    std::vector<Finding> found = run_rules(rules, model);
    std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    suppressions.apply(found, display, absolute, inline_suppressions(*file.source),
                       result.diagnostics);
    for (Finding& f : found) result.findings.push_back(std::move(f));
  }
  suppressions.report_unused(result.diagnostics);
  return result;
}

}  // namespace cmk::rules
