#include "pipeline/scan_inputs.hpp"

#include <algorithm>
#include <set>

#include "pipeline/prepared_input.hpp"

namespace cmk::pipeline {

namespace fs = std::filesystem;

namespace {

// X.json (or X.jsonc) for X.parameters.json, when it exists.
std::optional<fs::path> template_of_parameters(const fs::path& p) {
  const std::string stem = p.stem().string();
  constexpr std::string_view suffix = ".parameters";
  if (!stem.ends_with(suffix) || stem.size() == suffix.size()) return std::nullopt;
  const std::string base = stem.substr(0, stem.size() - suffix.size());
  for (const char* ext : {".json", ".jsonc"}) {
    const fs::path candidate = p.parent_path() / (base + ext);
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  return std::nullopt;
}

Diagnostic template_note(const fs::path& parameters, const fs::path& tmpl) {
  return Diagnostic{DiagnosticLevel::Note,
                    input_display_name(parameters),
                    0,
                    0,
                    "also scanning its template " + input_display_name(tmpl),
                    {}};
}

}  // namespace

ScanInputs::ScanInputs(const ScanOptions& options)
    : walk_(options.paths, arm::list_directory, options.skip_directories) {
  walk_as_asked_ = !options.paths.empty() &&
                   std::all_of(options.paths.begin(), options.paths.end(), [](const auto& p) {
                     std::error_code ec;
                     return p != "-" && fs::is_directory(p, ec);
                   });
}

std::optional<fs::path> ScanInputs::next(Diagnostics& diagnostics) {
  if (pending_template_) {
    std::optional<fs::path> out = std::move(pending_template_);
    pending_template_.reset();
    return out;
  }
  if (walk_as_asked_) {
    std::optional<fs::path> p = walk_.next(diagnostics);
    if (!p) return p;
    // A template in the folder just listed is an input of the walk already.
    const auto tmpl = template_of_parameters(*p);
    if (tmpl && !walk_.beside_last(*tmpl) && brought_in_.insert(tmpl->lexically_normal()).second) {
      diagnostics.push_back(template_note(*p, *tmpl));
      pending_template_ = tmpl;
    }
    return p;
  }
  if (!expanded_) {
    // A file named on its own may also be found in a folder named after it: all paths first.
    std::vector<fs::path> collected;
    while (std::optional<fs::path> p = walk_.next(diagnostics)) collected.push_back(std::move(*p));
    std::set<fs::path> present;
    for (const fs::path& p : collected) present.insert(p.lexically_normal());
    expanded_.emplace();
    for (const fs::path& p : collected) {
      expanded_->push_back(p);
      if (p == "-") continue;
      const auto tmpl = template_of_parameters(p);
      if (!tmpl || !present.insert(tmpl->lexically_normal()).second) continue;
      diagnostics.push_back(template_note(p, *tmpl));
      expanded_->push_back(*tmpl);
    }
  }
  if (next_expanded_ == expanded_->size()) return std::nullopt;
  return (*expanded_)[next_expanded_++];
}

void warn_if_nothing_scanned(const ScanOptions& options, const ScanStats& stats,
                             Diagnostics& diagnostics) {
  // Input errors already say why nothing was checked.
  if (stats.templates > 0 || stats.live_files > 0 || has_errors(diagnostics)) return;
  std::string where;
  for (const std::string& p : options.paths) where += (where.empty() ? "" : ", ") + p;
  diagnostics.push_back(
      Diagnostic{DiagnosticLevel::Warning,
                 where,
                 0,
                 0,
                 "no ARM template or exported resource found: nothing was checked (" +
                     std::to_string(stats.files) + " file(s) read)",
                 {}});
}

}  // namespace cmk::pipeline
