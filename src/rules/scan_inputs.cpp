#include "rules/scan_inputs.hpp"

#include <algorithm>
#include <set>

#include "arm/bicep_build.hpp"
#include "json/value.hpp"

namespace cmk::rules {

namespace fs = std::filesystem;

namespace {

bool has_extension(const fs::path& p, const char* ext) {
  return json::to_lower(p.extension().string()) == ext;
}

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

std::string input_display_name(const fs::path& path) {
  return path == "-" ? kStdinName : path.lexically_normal().generic_string();
}

arm::LoadResult load_input(const fs::path& path, const std::string& display,
                           const ScanOptions& options) {
  if (path == "-") {
    if (options.stdin_text) return arm::load_text(display, *options.stdin_text);
    arm::LoadResult none;
    none.diagnostics.push_back(
        Diagnostic{DiagnosticLevel::Error, display, 0, 0, "standard input was not read", {}});
    return none;
  }
  if (!has_extension(path, ".bicep")) {
    return arm::load_file(path, display, options.inputs.max_file_size);
  }
  arm::LoadResult result;
  if (!options.compile_bicep) {
    result.diagnostics.push_back(
        Diagnostic{DiagnosticLevel::Warning, display, 0, 0, arm::bicep_not_compiled_message(), {}});
    return result;
  }
  arm::BicepBuild build = arm::build_bicep(path);
  if (!build.json) {
    result.diagnostics.push_back(
        Diagnostic{DiagnosticLevel::Error, display, 0, 0, std::move(build.error), {}});
    return result;
  }
  // Line numbers are those of the compiled template; the file named is the Bicep source.
  result = arm::load_text(display, std::move(*build.json));
  if (result.file) result.file->path = path;
  return result;
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

}  // namespace cmk::rules
