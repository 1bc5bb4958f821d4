#include "util/stable_path.hpp"

#include <filesystem>
#include <map>
#include <mutex>

namespace cmk {

namespace fs = std::filesystem;

namespace {

// The nearest of `dir` and its ancestors holding a `.git` entry; empty if none does.
fs::path repository_root(fs::path dir) {
  std::error_code ec;
  for (; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return dir;
    if (dir == dir.root_path()) break;
  }
  return {};
}

// `file` made absolute with symbolic links resolved (so /tmp and its real location agree;
// missing tails kept lexically); empty on failure.
fs::path real_path(const std::string& file) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(fs::path(file), ec);
  if (ec) return {};
  fs::path real = fs::weakly_canonical(absolute, ec);
  return ec ? fs::path() : real;
}

fs::path real_cwd() {
  std::error_code ec;
  fs::path cwd = fs::weakly_canonical(fs::current_path(ec), ec);
  return ec ? fs::path() : cwd;
}

std::string compute(const std::string& file) {
  const fs::path given(file);
  const fs::path real = real_path(file);
  if (real.empty()) return given.lexically_normal().generic_string();
  if (fs::path root = repository_root(real.parent_path()); !root.empty()) {
    return real.lexically_relative(root).generic_string();
  }
  const fs::path cwd = real_cwd();
  if (cwd.empty()) return given.lexically_normal().generic_string();
  return real.lexically_relative(cwd).generic_string();
}
}  // namespace

std::string source_root() {
  const fs::path cwd = real_cwd();
  if (cwd.empty()) return {};
  const fs::path root = repository_root(cwd);
  return (root.empty() ? cwd : root).generic_string();
}

std::string path_relative_to(const std::string& root, const std::string& file) {
  const fs::path real = real_path(file);
  if (real.empty() || root.empty()) return fs::path(file).lexically_normal().generic_string();
  return real.lexically_relative(fs::path(root)).generic_string();
}

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
