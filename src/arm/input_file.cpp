#include "arm/input_file.hpp"

#include <algorithm>
#include <system_error>

#include "json/reader.hpp"

namespace cmk::arm {

namespace fs = std::filesystem;

const char* file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::Template:
      return "template";
    case FileKind::Parameters:
      return "parameters";
    case FileKind::LiveResources:
      return "live resources";
    case FileKind::Other:
      return "other";
  }
  return "other";
}

namespace {

bool icontains(std::string_view hay, std::string_view needle) {
  return json::to_lower(hay).find(json::to_lower(needle)) != std::string::npos;
}

bool all_live_resources(const json::Value& v) {
  return v.is_array() && !v.items().empty() &&
         std::all_of(v.items().begin(), v.items().end(), is_live_resource);
}

}  // namespace

bool is_live_resource(const json::Value& v) {
  if (!v.is_object()) return false;
  const json::Value* id = v.find("id");
  const json::Value* type = v.find("type");
  return id && id->is_string() && type && type->is_string() &&
         (v.find("properties") || v.find("name")) && icontains(id->as_string(), "/providers/");
}

FileKind classify(const json::Value& root) {
  if (root.is_object()) {
    if (const json::Value* schema = root.find("$schema"); schema && schema->is_string()) {
      if (icontains(schema->as_string(), "deploymentTemplate")) return FileKind::Template;
      if (icontains(schema->as_string(), "deploymentParameters")) return FileKind::Parameters;
    }
    if (is_live_resource(root)) return FileKind::LiveResources;
    // ARM list responses ({"value": [...]}) and Resource Graph results ({"data": [...]}).
    for (const char* key : {"value", "data"}) {
      if (const json::Value* list = root.find(key); list && all_live_resources(*list)) {
        return FileKind::LiveResources;
      }
    }
    return FileKind::Other;
  }
  return all_live_resources(root) ? FileKind::LiveResources : FileKind::Other;
}

LoadResult load_text(std::string display_path, std::string text) {
  LoadResult result;
  auto source = std::make_shared<const json::SourceText>(std::move(display_path), std::move(text));
  json::ParseResult parsed = json::parse(*source);
  result.diagnostics = std::move(parsed.diagnostics);
  if (!parsed.root) return result;
  InputFile file;
  file.kind = classify(*parsed.root);
  file.root = std::move(*parsed.root);
  file.source = std::move(source);
  result.file = std::move(file);
  return result;
}

LoadResult load_file(const fs::path& path, const std::string& display_path,
                     std::uintmax_t max_size) {
  FileText read = read_file_text(path, max_size);
  if (!read.text) {
    LoadResult result;
    result.diagnostics.push_back(
        Diagnostic{DiagnosticLevel::Error, display_path, 0, 0, std::move(read.error), {}});
    return result;
  }
  LoadResult result = load_text(display_path, std::move(*read.text));
  if (result.file) result.file->path = path;
  return result;
}

std::error_code list_directory(const fs::path& dir, std::vector<fs::directory_entry>& entries) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(*it);
  }
  return ec;
}

namespace {

bool is_input_name(const fs::path& p) {
  const std::string ext = json::to_lower(p.extension().string());
  return ext == ".json" || ext == ".jsonc" || ext == ".bicep";
}

// Walks `dir` by hand rather than with recursive_directory_iterator, which can only skip a
// folder it cannot open (skip_permission_denied) or stop the whole walk: a folder left out
// silently would let its templates go unchecked, so it is an error naming it.
void walk(const fs::path& dir, const ListDirectory& list, const std::vector<std::string>& skip,
          std::vector<fs::path>& found, Diagnostics& diagnostics) {
  std::vector<fs::directory_entry> entries;
  if (const std::error_code ec = list(dir, entries)) {
    diagnostics.push_back(Diagnostic{DiagnosticLevel::Error,
                                     dir.lexically_normal().generic_string(),
                                     0,
                                     0,
                                     "cannot read directory: " + ec.message(),
                                     {}});
  }
  for (const fs::directory_entry& entry : entries) {
    std::error_code ec;
    const fs::path& p = entry.path();
    const std::string name = p.filename().string();
    // Symbolic links to folders are not followed (as before), which also keeps cycles out.
    // The listing's file types are used where it has them (no system call per entry).
    const bool link = entry.is_symlink(ec);
    if (!link && entry.is_directory(ec)) {
      // Other dot folders (.azure, .github, .test) may well hold templates: only the named
      // tool and version-control folders are left out, and the note lists them (--verbose).
      if (std::find(skip.begin(), skip.end(), name) == skip.end()) {
        walk(p, list, skip, found, diagnostics);
      } else {
        diagnostics.push_back(Diagnostic{DiagnosticLevel::Note,
                                         p.lexically_normal().generic_string(),
                                         0,
                                         0,
                                         "skipped folder: a tool or version-control folder "
                                         "(skipDirectories in the configuration; --no-skip-dirs)",
                                         {}});
      }
      continue;
    }
    if (!is_input_name(p)) continue;
    const fs::file_status st = !link && entry.is_regular_file(ec)
                                   ? fs::file_status(fs::file_type::regular)
                                   : entry.status(ec);
    if (fs::is_regular_file(st)) {
      found.push_back(p);
    } else if (fs::exists(st)) {
      diagnostics.push_back(Diagnostic{DiagnosticLevel::Note,
                                       p.lexically_normal().generic_string(),
                                       0,
                                       0,
                                       "skipped: " + special_file_kind(st) + ", not a regular file",
                                       {}});
    }
  }
}

}  // namespace

std::vector<std::string> default_skip_directories() {
  return {".git",       ".hg",   ".svn", ".bzr",       "node_modules",
          ".terraform", ".venv", ".tox", "__pycache__"};
}

std::vector<fs::path> collect_inputs(const std::vector<std::string>& paths,
                                     Diagnostics& diagnostics, const ListDirectory& list,
                                     const std::vector<std::string>& skip) {
  std::vector<fs::path> out;
  for (const std::string& arg : paths) {
    if (arg == "-") {  // standard input, read by the caller
      out.emplace_back(arg);
      continue;
    }
    std::error_code ec;
    const fs::path p(arg);
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      diagnostics.push_back(
          Diagnostic{DiagnosticLevel::Error, arg, 0, 0, "no such file or directory", {}});
      continue;
    }
    if (!fs::is_directory(st)) {
      // A special file named directly is reported when read (load_file), with its kind.
      out.push_back(p);
      continue;
    }
    std::vector<fs::path> found;
    walk(p, list, skip, found, diagnostics);
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace cmk::arm
