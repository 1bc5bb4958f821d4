#pragma once
// Reading a whole input file named by the user: only regular files, and only up to a size limit,
// so that /dev/zero, a FIFO or a huge file cannot make a run hang or exhaust memory.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace cmk {

// 64 MiB: far above any real ARM template (Azure rejects templates over 4 MB), low enough that
// a few such files fit in memory at once.
inline constexpr std::uintmax_t kDefaultMaxFileSize = 64ull * 1024 * 1024;

// Spare capacity a read text keeps beyond its size, so a parser that reads ahead of the end
// (simdjson needs 64 bytes) can read it in place instead of from a padded copy.
inline constexpr std::size_t kFileTextSpare = 64;

struct FileText {
  // Empty on error; otherwise its capacity exceeds its size by at least kFileTextSpare bytes,
  // which hold defined (if meaningless) values.
  std::optional<std::string> text;
  std::string error;     // why, without the path: "not a regular file (a FIFO)", ...
  int error_number = 0;  // errno of a failed open or read; 0 for the other errors
};

// Whether a symbolic link at `path` is followed. A store that owns its files refuses links, so a
// link planted in it cannot make it read another file (ELOOP).
enum class SymbolicLinks { Follow, Refuse };

// The whole contents of `path`, if it is a regular file of at most `max_size` bytes. Never blocks
// on a FIFO or device; a file that grows past the limit while being read is an error too.
// Thread-safe.
FileText read_file_text(const std::filesystem::path& path,
                        std::uintmax_t max_size = kDefaultMaxFileSize,
                        SymbolicLinks links = SymbolicLinks::Follow);

// "a character device", "a FIFO", ... for a file that is not regular; "" for a regular file.
std::string special_file_kind(const std::filesystem::file_status& status);

}  // namespace cmk
