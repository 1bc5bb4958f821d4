#include "pipeline/scan_inputs.hpp"

#include <algorithm>
#include <set>

#include "arm/input_file.hpp"
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

}  // namespace

std::vector<fs::path> scan_input_paths(const ScanOptions& options, Diagnostics& diagnostics) {
  const std::vector<fs::path> collected = arm::collect_inputs(
      options.paths, diagnostics, arm::list_directory, options.skip_directories);
  std::set<fs::path> present;
  for (const fs::path& p : collected) present.insert(p.lexically_normal());
  std::vector<fs::path> out;
  for (const fs::path& p : collected) {
    out.push_back(p);
    if (p == "-") continue;
    const auto tmpl = template_of_parameters(p);
    if (!tmpl || !present.insert(tmpl->lexically_normal()).second) continue;
    diagnostics.push_back(Diagnostic{DiagnosticLevel::Note,
                                     input_display_name(p),
                                     0,
                                     0,
                                     "also scanning its template " + input_display_name(*tmpl),
                                     {}});
    out.push_back(*tmpl);
  }
  return out;
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
