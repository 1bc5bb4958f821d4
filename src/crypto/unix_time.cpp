#include "crypto/unix_time.hpp"

#include <date/date.h>

#include <algorithm>
#include <chrono>
#include <sstream>

namespace cmk::crypto {

std::string format_time(int64_t unix_seconds) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", date::sys_seconds{std::chrono::seconds{unix_seconds}});
}

// date::parse checks the calendar and the clock: 2027-02-30 or a 60th second is no time (strptime
// took both and timegm moved them on to the next valid one).
std::optional<int64_t> parse_time(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (text.size() > 12) return std::nullopt;
    return std::stoll(std::string(text));
  }
  std::istringstream in{std::string(text)};
  date::sys_seconds t;
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return t.time_since_epoch().count();
}

}  // namespace cmk::crypto
