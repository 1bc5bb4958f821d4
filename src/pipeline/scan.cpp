#include "pipeline/scan.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "arm/input_file.hpp"
#include "arm/template_model.hpp"
#include "pipeline/scan_inputs.hpp"
#include "pipeline/streamed_export.hpp"
#include "rules/engine.hpp"
#include "rules/estate.hpp"
#include "util/ordered_parallel.hpp"

namespace cmk::pipeline {

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
// `in_source` holds the suppression comments of the template (first) and of each linked file.
void suppress(std::vector<rules::Finding>& found, const PreparedInput& input,
              std::vector<std::vector<rules::Suppression>>& in_source,
              rules::SuppressionSet& suppressions, Diagnostics& diagnostics) {
  const arm::Model& model = input.model;
  const std::string& display = input.display;
  std::vector<std::vector<rules::Finding>> by_file(model.linked_files.size() + 1);
  for (rules::Finding& f : found) {
    size_t i = 0;
    while (i < model.linked_files.size() && model.linked_files[i]->source->path() != f.file) ++i;
    by_file[f.file == display || i == model.linked_files.size() ? 0 : i + 1].push_back(
        std::move(f));
  }
  found.clear();
  for (size_t i = 0; i < by_file.size(); ++i) {
    std::vector<rules::Finding>& group = by_file[i];
    std::stable_sort(group.begin(), group.end(),
                     [](const rules::Finding& a, const rules::Finding& b) {
                       return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                     });
    if (i == 0) {
      suppressions.apply(group, display, input.absolute, std::move(in_source[0]), diagnostics);
    } else {
      const arm::InputFile& linked = *model.linked_files[i - 1];
      suppressions.apply(group, linked.source->path(),
                         std::filesystem::absolute(linked.path).lexically_normal().generic_string(),
                         std::move(in_source[i]), diagnostics);
    }
    for (rules::Finding& f : group) found.push_back(std::move(f));
  }
}

ResourceValues snapshot(const arm::Resource& r) {
  const json::Position pos = r.source->position(r.offset == json::kNoOffset ? 0 : r.offset);
  return ResourceValues{r.source->path(), pos.line,      pos.column, r.type, r.name,
                        r.evaluated_name, r.conditional, r.existing, r.body};
}

// One input file as examining leaves it: prepared, and judged unless its links reach into
// other files.
struct Examined {
  bool excluded = false;
  std::unique_ptr<PreparedInput> input;
  std::vector<ResourceValues> values;                // of a streamed export, with keep_values
  std::optional<std::vector<rules::Finding>> found;  // not yet suppressed; empty when deferred
  // Suppression comments of the file (first) and of its linked templates, read on the worker.
  std::vector<std::vector<rules::Suppression>> in_source;
  size_t order = 0;
};

// How far the threads may read ahead of the file whose turn it is to be reported. A file held
// back by a slow one before it costs memory in proportion to its text (its tree, model and
// findings are a small multiple of it), so the bound is mostly on text: most files are small,
// and a thread that may not start another while a large one is examined sits idle (73 to 128 ms
// of a 0.65 s scan of the shared corpus with two threads, when at most four files per thread
// could wait).
constexpr Lookahead kLookahead{.per_thread = 32, .weight_per_thread = uint64_t{4} << 20};

// The text an examined file holds, its linked templates' included.
uint64_t text_bytes(const Examined& d) {
  if (!d.input || !d.input->loaded.file) return 0;
  uint64_t n = d.input->loaded.file->source->text().size();
  for (const auto& linked : d.input->model.linked_files) n += linked->source->text().size();
  return n;
}

// The suppression comments suppress() applies: looking for them reads every byte of the file.
std::vector<std::vector<rules::Suppression>> comments_of(PreparedInput& input) {
  std::vector<std::vector<rules::Suppression>> out;
  if (!input.loaded.file) return out;
  if (input.streamed) {
    out.push_back(std::move(input.streamed->in_source));
  } else {
    out.push_back(rules::inline_suppressions(*input.loaded.file->source));
  }
  for (const auto& linked : input.model.linked_files) {
    out.push_back(rules::inline_suppressions(*linked->source));
  }
  return out;
}

// Everything about one file that does not depend on the other files: safe to run on several
// files at once.
std::unique_ptr<Examined> examine(const std::filesystem::path& path,
                                  const std::vector<rules::Rule>& rules, const ScanOptions& options,
                                  const InputOptions& input, const json::Value& given) {
  auto d = std::make_unique<Examined>();
  // The absolute name costs a system call and a normalisation: made only for exclusions.
  const auto excluded = [&] {
    if (options.exclude.empty()) return false;
    const std::string absolute = input_absolute_name(path);
    return std::any_of(options.exclude.begin(), options.exclude.end(),
                       [&](const auto& g) { return g->matches(absolute); });
  };
  if (excluded()) {
    d->excluded = true;
    return d;
  }
  if (should_stream(path, input)) {
    std::vector<ResourceValues> values;
    std::function<void(const arm::Resource&)> keep;
    if (options.keep_values) keep = [&](const arm::Resource& r) { values.push_back(snapshot(r)); };
    d->input = stream_export(path, rules, input, given, options.jobs, keep);
    d->values = std::move(values);
  }
  if (!d->input) d->input = prepare_input(path, input, given);
  if (d->input->modelled() && !rules::needs_estate(d->input->model, rules)) {
    d->found = rules::run_rules(rules, d->input->model, nullptr);
  }
  if (const arm::InputFile* file = d->input->loaded.file ? &*d->input->loaded.file : nullptr;
      file && file->kind != arm::FileKind::Parameters && file->kind != arm::FileKind::Other) {
    d->in_source = comments_of(*d->input);
  }
  return d;
}

// The findings of a file's model, with those of a streamed export's resources judged as read.
std::vector<rules::Finding> with_judged(std::vector<rules::Finding> found, PreparedInput& input) {
  if (!input.streamed) return found;
  std::vector<rules::Finding>& judged = input.streamed->judged;
  found.insert(found.end(), std::make_move_iterator(judged.begin()),
               std::make_move_iterator(judged.end()));
  judged.clear();
  return found;
}

}  // namespace

ScanResult scan(const std::vector<rules::Rule>& rules, const ScanOptions& options) {
  ScanResult result;
  rules::SuppressionSet suppressions(options.suppressions, options.today, result.diagnostics);
  const json::Value given = arm::given_parameter_values(options.input.inputs, result.diagnostics);
  InputOptions input = options.input;
  input.link_roots = link_roots(options.paths);
  // A linked template in the scanned folders is also scanned on its own: what both readings say
  // about one place is reported once. Two resources judged at one place (accounts sharing an
  // identity or a vault) keep a finding each.
  std::set<std::tuple<std::string, uint32_t, uint32_t, DiagnosticLevel, std::string>> said;
  using Place = std::tuple<std::string, std::string, uint32_t, uint32_t, uint32_t, rules::Outcome,
                           std::string>;
  std::set<Place> found_at;
  std::vector<std::unique_ptr<Examined>> deferred;
  // Points into the deferred files' models: declared after them, so it goes first.
  rules::Estate estate;
  std::vector<std::vector<rules::Finding>> by_file;  // in input order
  auto suppressed = [&](std::vector<rules::Finding> found, Examined& d) {
    suppress(found, *d.input, d.in_source, suppressions, result.diagnostics);
    return found;
  };
  // Workers find the inputs (walking folders as they go) and examine them; this thread takes
  // them in input order, so diagnostics, suppressions and findings come out the same whatever
  // the number of threads. What finding the inputs says comes first, as if all were found first.
  ScanInputs inputs(options);
  Diagnostics input_diagnostics;
  const size_t input_diagnostics_at = result.diagnostics.size();
  ordered_parallel_from<std::unique_ptr<Examined>>(
      [&] { return inputs.next(input_diagnostics); }, options.jobs,
      [&](size_t, const std::filesystem::path& path) {
        return examine(path, rules, options, input, given);
      },
      [&](size_t, std::unique_ptr<Examined>& d) {
        if (d->excluded) return;
        PreparedInput& in = *d->input;
        result.inputs.push_back(in.display);
        ++result.stats.files;
        for (Diagnostic& diag : in.diagnostics) result.diagnostics.push_back(std::move(diag));
        if (!in.loaded.file) return;
        switch (in.loaded.file->kind) {
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
                           in.display,
                           0,
                           0,
                           "skipped: not an ARM template, parameters file or exported resource",
                           {}});
            return;
        }
        if (options.keep_values && in.streamed) {
          for (ResourceValues& v : d->values) result.values.push_back(std::move(v));
        } else if (options.keep_values) {
          for (const arm::Resource& r : in.model.resources) result.values.push_back(snapshot(r));
        }
        result.stats.resources += in.streamed ? in.streamed->count : in.model.resources.size();
        for (Diagnostic& diag : in.model.diagnostics) {
          if (said.emplace(diag.file, diag.line, diag.column, diag.level, diag.message).second) {
            result.diagnostics.push_back(std::move(diag));
          }
        }
        d->order = by_file.size();
        by_file.emplace_back();
        if (d->found) {
          estate.add(in.model);
          by_file[d->order] = suppressed(with_judged(std::move(*d->found), in), *d);
        } else {
          // Kept until judged at the end, after which the estate is not read.
          estate.add_kept(in.model);
          deferred.push_back(std::move(d));
        }
      },
      kLookahead, [](const std::unique_ptr<Examined>& d) { return text_bytes(*d); });
  for (const auto& d : deferred) {
    by_file[d->order] =
        suppressed(with_judged(rules::run_rules(rules, d->input->model, &estate), *d->input), *d);
  }
  for (std::vector<rules::Finding>& found : by_file) {
    for (rules::Finding& f : found) {
      if (found_at
              .emplace(f.rule->id, f.file, f.resource_line, f.line, f.column, f.result, f.message)
              .second) {
        result.findings.push_back(std::move(f));
      }
    }
  }
  result.diagnostics.insert(
      result.diagnostics.begin() + static_cast<ptrdiff_t>(input_diagnostics_at),
      std::make_move_iterator(input_diagnostics.begin()),
      std::make_move_iterator(input_diagnostics.end()));
  suppressions.report_unused(result.diagnostics);
  warn_if_nothing_scanned(options, result.stats, result.diagnostics);
  return result;
}

}  // namespace cmk::pipeline
