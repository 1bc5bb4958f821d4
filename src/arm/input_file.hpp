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

}  // namespace cmk::arm
