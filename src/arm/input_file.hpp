#pragma once
// A JSON input file, read and classified: ARM template, parameters file, exported live resources.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "json/diagnostic.hpp"
#include "json/source_text.hpp"
#include "json/value.hpp"
#include "util/file_text.hpp"

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

// One exported resource: an object with string `id` (under a provider) and `type`, and
// `properties` or `name`. A list of them is a live export.
bool is_live_resource(const json::Value& v);

struct LoadResult {
  std::optional<InputFile> file;  // empty when the file could not be read or parsed
  Diagnostics diagnostics;
};

// Reads through read_file_text: a special file or one over `max_size` bytes is an error.
LoadResult load_file(const std::filesystem::path& path, const std::string& display_path,
                     std::uintmax_t max_size = kDefaultMaxFileSize);
LoadResult load_text(std::string display_path, std::string text);

// Lists one directory's entries, not recursively; an error code when it cannot be read.
using ListDirectory = std::function<std::error_code(
    const std::filesystem::path& dir, std::vector<std::filesystem::directory_entry>&)>;
std::error_code list_directory(const std::filesystem::path& dir,
                               std::vector<std::filesystem::directory_entry>& entries);

// Folders a walk does not enter by default: version control and tool caches, which hold no
// templates of the project but may hold many JSON files (node_modules).
std::vector<std::string> default_skip_directories();

// Expands files and directories (recursively, *.json, *.jsonc and *.bicep) in a deterministic
// order: arguments as given, each directory's entries sorted by path. Missing paths, special files
// named directly and directories that cannot be listed become errors; special files found in a
// directory are skipped with a note. Walks do not enter folders named in `skip` (a note says
// so); a folder named directly is always walked. The path "-" (standard input) is passed through
// as it is.
std::vector<std::filesystem::path> collect_inputs(
    const std::vector<std::string>& paths, Diagnostics& diagnostics,
    const ListDirectory& list = list_directory,
    const std::vector<std::string>& skip = default_skip_directories());

}  // namespace cmk::arm
