#include "util/spelling.hpp"

#include <algorithm>
#include <cctype>

namespace cmk {

// Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours
// ("scna" is one edit from "scan"), ignoring ASCII case.
size_t edit_distance(std::string_view a, std::string_view b) {
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  return closest_match(word, std::vector<std::string_view>(candidates.begin(), candidates.end()));
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates) {
  // Like ninja's SpellcheckString: a few edits, fewer for short words.
  const size_t limit = std::max<size_t>(1, std::min<size_t>(3, word.size() / 3));
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    const size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

namespace {
std::string suggestion_text(const std::optional<std::string>& best) {
  return best ? " (did you mean '" + *best + "'?)" : std::string();
}
}  // namespace

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
  return suggestion_text(closest_match(word, candidates));
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  return suggestion_text(closest_match(word, candidates));
}

}  // namespace cmk
