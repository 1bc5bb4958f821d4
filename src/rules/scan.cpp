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

namespace {

// A file whose links reach into other files: judged once every file's resources are known. Held
// on the heap so the model's pointers into the file's tree stay valid.
struct Deferred {
  arm::LoadResult loaded;
  arm::Model model;
  std::string display;
  std::string absolute;
  size_t order = 0;
};

}  // namespace

ScanResult scan(const std::vector<Rule>& rules, const ScanOptions& options) {
  ScanResult result;
  SuppressionSet suppressions(options.suppressions, options.today, result.diagnostics);
  const json::Value given = arm::given_parameter_values(options.inputs, result.diagnostics);
  Estate estate;
  std::vector<std::unique_ptr<Deferred>> deferred;
  std::vector<std::vector<Finding>> by_file;  // in input order
  auto judge = [&](const Deferred& d, const Estate* with) {
    std::vector<Finding> found = run_rules(rules, d.model, with);
    std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    suppressions.apply(found, d.display, d.absolute, inline_suppressions(*d.loaded.file->source),
                       result.diagnostics);
    return found;
  };
  for (const auto& path : arm::collect_inputs(options.paths, result.diagnostics)) {
    auto d = std::make_unique<Deferred>();
    d->display = path.lexically_normal().generic_string();
    d->absolute = std::filesystem::absolute(path).lexically_normal().generic_string();
    if (std::any_of(options.exclude.begin(), options.exclude.end(),
                    [&](const auto& g) { return g->matches(d->absolute); })) {
      continue;
    }
    d->loaded = arm::load_file(path, d->display);
    ++result.stats.files;
    for (Diagnostic& diag : d->loaded.diagnostics) result.diagnostics.push_back(std::move(diag));
    if (!d->loaded.file) continue;
    const arm::InputFile& file = *d->loaded.file;
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
                       d->display,
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
    for (const DeploymentMapping& m : options.deployments) {
      if (!m.files->matches(d->absolute)) continue;
      arm::expr::DeploymentContext& c = model_options.deployment;
      if (m.context.subscription_id) c.subscription_id = m.context.subscription_id;
      if (m.context.resource_group) c.resource_group = m.context.resource_group;
      if (m.context.location) c.location = m.context.location;
      if (m.context.tenant_id) c.tenant_id = m.context.tenant_id;
      break;
    }
    d->model = arm::build_model(file, model_options);
    if (options.keep_values) {
      for (const arm::Resource& r : d->model.resources) result.values.push_back(snapshot(r));
    }
    result.stats.resources += d->model.resources.size();
    for (Diagnostic& diag : d->model.diagnostics) result.diagnostics.push_back(std::move(diag));
    estate.add(d->model);
    d->order = by_file.size();
    by_file.emplace_back();
    if (needs_estate(d->model, rules)) {
      deferred.push_back(std::move(d));
    } else {
      by_file[d->order] = judge(*d, nullptr);
    }
  }
  for (const auto& d : deferred) by_file[d->order] = judge(*d, &estate);
  for (std::vector<Finding>& found : by_file) {
    for (Finding& f : found) result.findings.push_back(std::move(f));
  }
  suppressions.report_unused(result.diagnostics);
  return result;
}

}  // namespace cmk::rules
