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

}  // namespace cmk::arm
