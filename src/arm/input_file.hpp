#pragma once
// A JSON input file, read and classified: ARM template, parameters file, exported live resources.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "json/diagnostic.hpp"
#include "json/source_text.hpp"
#include "json/value.hpp"

namespace cmk::arm {

enum class FileKind { Template, Parameters, LiveResources, Other };

const char* file_kind_name(FileKind kind);

struct InputFile {
  std::shared_ptr<const json::SourceText> source;
  json::Value root;
  FileKind kind = FileKind::Other;
  // Where it was read from; empty for text given in memory. Linked templates are found
  // relative to it.
  std::filesystem::path path;
};

// By `$schema` (deploymentTemplate / deploymentParameters at any scope); otherwise a resource
// object or array of them with id/type/properties, as `az resource show` and Resource Graph give.
FileKind classify(const json::Value& root);

struct LoadResult {
  std::optional<InputFile> file;  // empty when the file could not be read or parsed
  Diagnostics diagnostics;
};

LoadResult load_file(const std::filesystem::path& path, const std::string& display_path);
LoadResult load_text(std::string display_path, std::string text);

// Expands files and directories (recursively, *.json / *.jsonc only) in a deterministic order:
// arguments as given, each directory's entries sorted by path. Missing paths become errors.
std::vector<std::filesystem::path> collect_inputs(const std::vector<std::string>& paths,
                                                  Diagnostics& diagnostics);

}  // namespace cmk::arm
