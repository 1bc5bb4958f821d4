#include "util/glob.hpp"

#include <re2/re2.h>

namespace cmk {

Glob::Glob(const std::string& pattern) : pattern_(pattern) {
  name_only_ = pattern.find('/') == std::string::npos;
  std::string re;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
      // "**/" also matches no directory at all.
      if (i + 2 < pattern.size() && pattern[i + 2] == '/') {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        ++i;
      }
    } else if (c == '*') {
      re += "[^/]*";
    } else if (c == '?') {
      re += "[^/]";
    } else {
      re += RE2::QuoteMeta(std::string(1, c));
    }
  }
  re_ = std::make_unique<RE2>(re);
}

Glob Glob::anchored(const std::string& base, const std::string& pattern) {
  if (base.empty() || pattern.rfind("**", 0) == 0 || pattern.rfind('/', 0) == 0) {
    return Glob(pattern);
  }
  std::string p = pattern.rfind("./", 0) == 0 ? pattern.substr(2) : pattern;
  return Glob(base + (base.back() == '/' ? "" : "/") + p);
}

Glob::~Glob() = default;
Glob::Glob(Glob&&) noexcept = default;
Glob& Glob::operator=(Glob&&) noexcept = default;

bool Glob::matches(const std::string& path) const {
  std::string p = path;
  if (p.rfind("./", 0) == 0) p = p.substr(2);
  if (RE2::FullMatch(p, *re_)) return true;
  if (name_only_) {
    const size_t slash = p.rfind('/');
    return slash != std::string::npos && RE2::FullMatch(p.substr(slash + 1), *re_);
  }
  return false;
}

}  // namespace cmk
