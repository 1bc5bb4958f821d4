#include "arm/input_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
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

bool looks_like_live_resource(const json::Value& v) {
  if (!v.is_object()) return false;
  const json::Value* id = v.find("id");
  const json::Value* type = v.find("type");
  return id && id->is_string() && type && type->is_string() &&
         (v.find("properties") || v.find("name")) && icontains(id->as_string(), "/providers/");
}

bool all_live_resources(const json::Value& v) {
  return v.is_array() && !v.items().empty() &&
         std::all_of(v.items().begin(), v.items().end(), looks_like_live_resource);
}

}  // namespace

FileKind classify(const json::Value& root) {
  if (root.is_object()) {
    if (const json::Value* schema = root.find("$schema"); schema && schema->is_string()) {
      if (icontains(schema->as_string(), "deploymentTemplate")) return FileKind::Template;
      if (icontains(schema->as_string(), "deploymentParameters")) return FileKind::Parameters;
    }
    if (looks_like_live_resource(root)) return FileKind::LiveResources;
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

LoadResult load_file(const fs::path& path, const std::string& display_path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult result;
    result.diagnostics.push_back(
        Diagnostic{DiagnosticLevel::Error, display_path, 0, 0, "cannot read file", {}});
    return result;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  LoadResult result = load_text(display_path, std::move(buffer).str());
  if (result.file) result.file->path = path;
  return result;
}

std::vector<fs::path> collect_inputs(const std::vector<std::string>& paths,
                                     Diagnostics& diagnostics) {
  std::vector<fs::path> out;
  for (const std::string& arg : paths) {
    std::error_code ec;
    const fs::path p(arg);
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      diagnostics.push_back(
          Diagnostic{DiagnosticLevel::Error, arg, 0, 0, "no such file or directory", {}});
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec),
         end;
         it != end; it.increment(ec)) {
      if (ec) break;
      const fs::path& entry = it->path();
      const std::string name = entry.filename().string();
      if (it->is_directory(ec) && !name.empty() && name[0] == '.') {
        it.disable_recursion_pending();  // .git and friends
        continue;
      }
      const std::string ext = json::to_lower(entry.extension().string());
      if (it->is_regular_file(ec) && (ext == ".json" || ext == ".jsonc")) found.push_back(entry);
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace cmk::arm
