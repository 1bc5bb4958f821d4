#include "rules/scan.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "arm/input_file.hpp"
#include "arm/template_model.hpp"
#include "rules/engine.hpp"
#include "rules/estate.hpp"
#include "rules/scan_inputs.hpp"
#include "util/ordered_parallel.hpp"

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

// One input file as a worker thread leaves it: loaded, its model built, and judged unless its
// links reach into other files. Held on the heap so the model's pointers into the file's tree
// stay valid.
struct Examined {
  bool excluded = false;
  arm::LoadResult loaded;
  Diagnostics inputs;  // from reading the file and its parameters, in that order
  arm::Model model;
  std::string display;
  std::string absolute;
  std::optional<std::vector<Finding>> found;  // not yet suppressed; empty when deferred
  size_t order = 0;
};

// Everything about one file that does not depend on the other files: safe to run on several
// files at once.
std::unique_ptr<Examined> examine(const std::filesystem::path& path, const std::vector<Rule>& rules,
                                  const ScanOptions& options, const json::Value& given,
                                  const std::vector<std::filesystem::path>& roots) {
  auto d = std::make_unique<Examined>();
  d->display = input_display_name(path);
  d->absolute = path == "-" ? d->display
                            : std::filesystem::absolute(path).lexically_normal().generic_string();
  if (std::any_of(options.exclude.begin(), options.exclude.end(),
                  [&](const auto& g) { return g->matches(d->absolute); })) {
    d->excluded = true;
    return d;
  }
  d->loaded = load_input(path, d->display, options);
  d->inputs = std::move(d->loaded.diagnostics);
  if (!d->loaded.file) return d;
  const arm::InputFile& file = *d->loaded.file;
  if (file.kind != arm::FileKind::Template && file.kind != arm::FileKind::LiveResources) {
    return d;
  }
  arm::ModelOptions model_options;
  model_options.deployment = options.inputs.deployment;
  if (file.kind == arm::FileKind::Template) {
    model_options = arm::model_options_for(path, options.inputs, given, d->inputs);
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
  model_options.link_roots = roots;
  d->model = arm::build_model(file, model_options);
  if (!needs_estate(d->model, rules)) d->found = run_rules(rules, d->model, nullptr);
  return d;
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
  Estate estate;
  std::vector<std::unique_ptr<Examined>> deferred;
  std::vector<std::vector<Finding>> by_file;  // in input order
  auto suppressed = [&](std::vector<Finding> found, const Examined& d) {
    suppress(found, *d.loaded.file, d.display, d.absolute, d.model, suppressions,
             result.diagnostics);
    return found;
  };
  const std::vector<std::filesystem::path> inputs = scan_input_paths(options, result.diagnostics);
  // Workers examine files; this thread takes them in input order, so diagnostics, suppressions
  // and findings come out the same whatever the number of threads.
  ordered_parallel<std::unique_ptr<Examined>>(
      inputs.size(), options.jobs,
      [&](size_t i) { return examine(inputs[i], rules, options, given, roots); },
      [&](size_t, std::unique_ptr<Examined> d) {
        if (d->excluded) return;
        result.inputs.push_back(d->display);
        ++result.stats.files;
        for (Diagnostic& diag : d->inputs) result.diagnostics.push_back(std::move(diag));
        if (!d->loaded.file) return;
        switch (d->loaded.file->kind) {
          case arm::FileKind::Template:
            ++result.stats.templates;
            break;
          case arm::FileKind::Parameters:
            ++result.stats.parameter_files;
            return;
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
            return;
        }
        if (options.keep_values) {
          for (const arm::Resource& r : d->model.resources) result.values.push_back(snapshot(r));
        }
        result.stats.resources += d->model.resources.size();
        for (Diagnostic& diag : d->model.diagnostics) {
          if (said.emplace(diag.file, diag.line, diag.column, diag.level, diag.message).second) {
            result.diagnostics.push_back(std::move(diag));
          }
        }
        estate.add(d->model);
        d->order = by_file.size();
        by_file.emplace_back();
        if (d->found) {
          by_file[d->order] = suppressed(std::move(*d->found), *d);
        } else {
          deferred.push_back(std::move(d));
        }
      });
  for (const auto& d : deferred) {
    by_file[d->order] = suppressed(run_rules(rules, d->model, &estate), *d);
  }
  for (std::vector<Finding>& found : by_file) {
    for (Finding& f : found) {
      if (found_at.emplace(f.rule->id, f.file, f.line, f.column, f.result, f.message).second) {
        result.findings.push_back(std::move(f));
      }
    }
  }
  suppressions.report_unused(result.diagnostics);
  warn_if_nothing_scanned(options, result.stats, result.diagnostics);
  return result;
}

}  // namespace cmk::rules
