#pragma once
// Which files a scan reads when given files and folders: folders are walked (recursively, *.json,
// *.jsonc and *.bicep) in a deterministic order, one folder listed at a time, so a scan can start
// on the first files while the rest are still being found.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "json/diagnostic.hpp"

namespace cmk::arm {

// Lists one directory's entries, not recursively; an error code when it cannot be read.
using ListDirectory = std::function<std::error_code(
    const std::filesystem::path& dir, std::vector<std::filesystem::directory_entry>&)>;
std::error_code list_directory(const std::filesystem::path& dir,
                               std::vector<std::filesystem::directory_entry>& entries);

// Folders a walk does not enter by default: version control and tool caches, which hold no
// templates of the project but may hold many JSON files (node_modules).
std::vector<std::string> default_skip_directories();

// The inputs `paths` name, one at a time: arguments as given, each directory's files in path
// order (each folder's entries sorted by name, depth first). Missing paths, special files named
// directly and directories that cannot be listed become errors; special files found in a
// directory are skipped with a note. Walks do not enter folders named in `skip` (a note says so);
// a folder named directly is always walked. The path "-" (standard input) is passed through.
class InputWalk {
 public:
  explicit InputWalk(std::vector<std::string> paths, ListDirectory list = list_directory,
                     std::vector<std::string> skip = default_skip_directories());

  // The next input, or nullopt when there is none left; what it finds to say goes to
  // `diagnostics`.
  std::optional<std::filesystem::path> next(Diagnostics& diagnostics);

  // Whether the folder the last input came from lists an entry named `name` (false for an input
  // named directly).
  bool beside_last(const std::filesystem::path& name) const;

 private:
  struct Folder {
    std::vector<std::filesystem::directory_entry> entries;  // sorted by name
    size_t next = 0;
  };
  void enter(const std::filesystem::path& dir, Diagnostics& diagnostics);

  std::vector<std::string> paths_;
  size_t next_path_ = 0;
  ListDirectory list_;
  std::vector<std::string> skip_;
  std::vector<Folder> folders_;  // the folders being walked, innermost last
  const Folder* last_folder_ = nullptr;
};

// Every input of an InputWalk over `paths`, in its order.
std::vector<std::filesystem::path> collect_inputs(
    const std::vector<std::string>& paths, Diagnostics& diagnostics,
    const ListDirectory& list = list_directory,
    const std::vector<std::string>& skip = default_skip_directories());

}  // namespace cmk::arm
