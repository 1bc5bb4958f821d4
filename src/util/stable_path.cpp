#include "util/stable_path.hpp"

#include <filesystem>
#include <map>
#include <mutex>

namespace cmk {

namespace fs = std::filesystem;

namespace {

std::string compute(const std::string& file) {
  std::error_code ec;
  const fs::path given(file);
  const fs::path absolute = fs::absolute(given, ec);
  if (ec) return given.lexically_normal().generic_string();
  // Symbolic links resolved, so /tmp and its real location agree; missing tails kept lexically.
  const fs::path real = fs::weakly_canonical(absolute, ec);
  if (ec) return given.lexically_normal().generic_string();
  for (fs::path dir = real.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return real.lexically_relative(dir).generic_string();
    if (dir == dir.root_path()) break;
  }
  const fs::path cwd = fs::weakly_canonical(fs::current_path(ec), ec);
  if (ec) return given.lexically_normal().generic_string();
  return real.lexically_relative(cwd).generic_string();
}
}  // namespace

std::string stable_path(const std::string& file) {
  static std::mutex mutex;
  static std::map<std::string, std::string> cache;  // keyed by directory and file
  std::error_code ec;
  const std::string key = fs::current_path(ec).string() + '\0' + file;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, compute(file)).first;
  return it->second;
}

}  // namespace cmk
