#pragma once
// A fresh directory under the system temp dir, removed with everything in it at scope exit.
// mkdtemp makes the name unique, so a directory left by an earlier run (a killed process, or a
// container that reuses process IDs) is never written into.

#include <filesystem>
#include <string>

namespace cmk::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace cmk::test
