#pragma once
// File globs for config files: `**` any path, `*` any run within one path segment, `?` one
// character. Translated to RE2 (never std::regex on user input).

#include <memory>
#include <string>

namespace re2 {
class RE2;
}

namespace cmk {

class Glob {
 public:
  // An invalid pattern cannot arise (every character is escaped or translated).
  explicit Glob(const std::string& pattern);
  ~Glob();
  Glob(Glob&&) noexcept;
  Glob& operator=(Glob&&) noexcept;

  // Matches the whole path (forward slashes); a pattern without '/' matches the file name too.
  bool matches(const std::string& path) const;
  const std::string& pattern() const { return pattern_; }

  // A pattern written relative to `base` (a config file's folder, or the working directory),
  // for matching absolute paths. Patterns starting with "**" or "/" are left as they are.
  static Glob anchored(const std::string& base, const std::string& pattern);

 private:
  std::string pattern_;
  bool name_only_ = false;
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace cmk
