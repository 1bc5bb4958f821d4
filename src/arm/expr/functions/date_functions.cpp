// Date functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-date

#include <date/date.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {
namespace {

using Ticks = std::chrono::duration<int64_t, std::ratio<1, 10'000'000>>;  // .NET's 100 ns unit

// Whole seconds and the sub-second rest apart, so that adding a duration of many years to a date
// cannot overflow the 100 ns count before the range check.
struct DateTime {
  date::sys_seconds seconds;
  int64_t ticks = 0;  // sub-second part in 100 ns units, as .NET keeps it
};

// .NET's DateTime holds years 1 to 9999; Azure cannot give a date outside them.
bool in_dotnet_range(date::sys_seconds t) {
  constexpr date::sys_days kFirst = date::year{1} / 1 / 1;
  constexpr date::sys_days kAfterLast = date::year{10000} / 1 / 1;
  return t >= kFirst && t < kAfterLast;
}

// Accepts ISO 8601 dates as Azure does: 2020-04-07, 2020-04-07T14:53:14Z, with a space instead
// of T, without seconds, with fractional seconds, and with a Z or +hh:mm offset. date::parse
// checks the calendar (no 2023-02-29) and the clock (no 24:00 or 60 seconds).
std::optional<DateTime> parse_date(std::string s) {
  if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) s.pop_back();
  for (const char* format : {"%Y-%m-%dT%H:%M:%S%Ez", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M%Ez",
                             "%Y-%m-%dT%H:%M", "%Y-%m-%d"}) {
    std::istringstream in(s);
    date::sys_time<Ticks> t;
    in >> date::parse(format, t);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) continue;
    const auto seconds = date::floor<std::chrono::seconds>(t);
    return DateTime{seconds, (t - seconds).count()};
  }
  return std::nullopt;
}

struct Fields {
  int64_t year;
  unsigned month, day, hour, minute, second;
  int64_t ticks;
};

Fields fields(const DateTime& t) {
  const auto day = date::floor<date::days>(t.seconds);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss clock(t.seconds - day);
  return Fields{static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(clock.hours().count()),
                static_cast<unsigned>(clock.minutes().count()),
                static_cast<unsigned>(clock.seconds().count()),
                t.ticks};
}

// .NET custom date format specifiers (and the standard ones templates use: u, s, o, d, D).
std::string format_date(const DateTime& t, std::string fmt) {
  if (fmt == "u") fmt = "yyyy-MM-dd HH:mm:ssZ";
  if (fmt == "s") fmt = "yyyy-MM-ddTHH:mm:ss";
  if (fmt == "o" || fmt == "O") fmt = "yyyy-MM-ddTHH:mm:ss.fffffffK";
  if (fmt == "d") fmt = "M/d/yyyy";
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  const Fields f = fields(t);
  std::string out;
  char buf[32];
  for (size_t i = 0; i < fmt.size();) {
    const char ch = fmt[i];
    size_t run = 1;
    while (i + run < fmt.size() && fmt[i + run] == ch) ++run;
    auto num = [&](int64_t v, size_t width) {
      std::snprintf(buf, sizeof buf, "%0*lld", static_cast<int>(width), static_cast<long long>(v));
      out += buf;
    };
    switch (ch) {
      case 'y':
        if (run == 2) {
          num(f.year % 100, 2);
        } else {
          num(f.year, std::max<size_t>(run, 1));
        }
        break;
      case 'M':
        if (run >= 4) {
          out += kMonths[f.month - 1];
        } else if (run == 3) {
          out += std::string(kMonths[f.month - 1]).substr(0, 3);
        } else {
          num(f.month, run);
        }
        break;
      case 'd':
        num(f.day, std::min<size_t>(run, 2));
        break;
      case 'H':
        num(f.hour, std::min<size_t>(run, 2));
        break;
      case 'h':
        num(f.hour % 12 == 0 ? 12 : f.hour % 12, std::min<size_t>(run, 2));
        break;
      case 'm':
        num(f.minute, std::min<size_t>(run, 2));
        break;
      case 's':
        num(f.second, std::min<size_t>(run, 2));
        break;
      case 'f':
      case 'F': {
        std::snprintf(buf, sizeof buf, "%07lld", static_cast<long long>(f.ticks));
        out += std::string(buf).substr(0, std::min<size_t>(run, 7));
        break;
      }
      case 't':
        out += (f.hour < 12 ? std::string("AM") : std::string("PM")).substr(0, run == 1 ? 1 : 2);
        break;
      case 'K':
      case 'Z':
        out += 'Z';
        run = 1;
        break;
      case '\'':
      case '"': {
        const size_t close = fmt.find(ch, i + 1);
        out += fmt.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1);
        run = close == std::string::npos ? fmt.size() - i : close - i + 1;
        break;
      }
      case '\\':
        if (i + 1 < fmt.size()) out += fmt[i + 1];
        run = 2;
        break;
      default:
        out.append(run, ch);
    }
    i += run;
  }
  return out;
}

// ISO 8601 durations: PnYnMnWnDTnHnMnS, read here because the date library has no duration
// parser (nor does C++20's <chrono>). Azure does not add calendar years and months: a year
// is 365 days and a month 30 (the reference page: P1Y is P365D, P1M is P30D, so 2024-01-01 plus
// P1Y is 2024-12-31 and 2023-01-31 plus P1M is 2023-03-02).
struct Duration {
  int64_t days = 0, seconds = 0;
};

// Ten digits of years already leave .NET's date range; the cap keeps the sums far from overflow.
constexpr size_t kMaxDurationDigits = 10;

std::optional<Duration> parse_duration(const std::string& s) {
  size_t i = 0;
  int sign = 1;
  if (i < s.size() && s[i] == '-') {
    sign = -1;
    ++i;
  }
  if (i >= s.size() || s[i] != 'P') return std::nullopt;
  ++i;
  Duration d;
  bool time = false, any = false;
  while (i < s.size()) {
    if (s[i] == 'T') {
      time = true;
      ++i;
      continue;
    }
    int64_t n = 0;
    size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      n = n * 10 + (s[i++] - '0');
      if (++digits > kMaxDurationDigits) return std::nullopt;
    }
    if (!digits || i >= s.size()) return std::nullopt;
    const char unit = s[i++];
    any = true;
    n *= sign;
    if (!time && unit == 'Y') {
      d.days += 365 * n;
    } else if (!time && unit == 'M') {
      d.days += 30 * n;
    } else if (!time && unit == 'W') {
      d.days += 7 * n;
    } else if (!time && unit == 'D') {
      d.days += n;
    } else if (time && unit == 'H') {
      d.seconds += 3600 * n;
    } else if (time && unit == 'M') {
      d.seconds += 60 * n;
    } else if (time && unit == 'S') {
      d.seconds += n;
    } else {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  return d;
}

DateTime add(const DateTime& t, const Duration& d) {
  return DateTime{t.seconds + date::days{d.days} + std::chrono::seconds{d.seconds}, t.ticks};
}

Outcome out_of_range(Call& c) {
  return c.error("the date is outside the years 1 to 9999 that Azure's dates can hold");
}

constexpr const char* kDefaultFormat = "yyyy-MM-ddTHH:mm:ssZ";
constexpr const char* kUtcNowFormat = "yyyyMMddTHHmmssZ";

// utcNow() may only be a parameter default, where it is the deployment's start time: one
// deployment-context value per format, symbolic like resourceGroup().location. The default format
// is written utcNow() whichever way the template spells it.
Outcome utc_now_fn(Call& c) {
  if (c.args.empty()) return Value::symbolic("utcNow()");
  if (!c.args[0].is_string()) return type_error(c, 0, "a String (a format)");
  if (c.args[0].as_string() == kUtcNowFormat) return Value::symbolic("utcNow()");
  return symbolic_call("utcNow", c.args);
}

// A symbolic base (a parameter defaulting to utcNow()) gives a symbolic time, one per duration.
Outcome date_time_add_fn(Call& c) {
  if (!is_text(c.args[0])) return type_error(c, 0, "a String (a date)");
  for (size_t i = 1; i < c.args.size(); ++i) {
    if (c.args[i].is_symbolic()) return blocked(c, c.args[i]);
  }
  if (!c.args[1].is_string()) return type_error(c, 1, "a String (an ISO 8601 duration)");
  auto duration = parse_duration(c.args[1].as_string());
  if (!duration) return c.error("'" + c.args[1].as_string() + "' is not an ISO 8601 duration");
  std::string fmt = kDefaultFormat;
  if (c.args.size() > 2) {
    if (!c.args[2].is_string()) return type_error(c, 2, "a String (a format)");
    fmt = c.args[2].as_string();
  }
  if (c.args[0].is_symbolic()) return symbolic_call("dateTimeAdd", c.args);
  auto base = parse_date(c.args[0].as_string());
  if (!base) return c.error("'" + c.args[0].as_string() + "' is not an ISO 8601 date and time");
  const DateTime sum = add(*base, *duration);
  if (!in_dotnet_range(sum.seconds)) return out_of_range(c);
  return Value::string(format_date(sum, fmt));
}

Outcome date_time_from_epoch_fn(Call& c) {
  int64_t seconds = 0;
  if (!int_arg(c.args[0], seconds)) return type_error(c, 0, "an Integer");
  // Compared in seconds: turning a huge count into a time point first could overflow.
  constexpr int64_t kFirst = -62135596800;      // 0001-01-01T00:00:00Z
  constexpr int64_t kAfterLast = 253402300800;  // 10000-01-01T00:00:00Z
  if (seconds < kFirst || seconds >= kAfterLast) return out_of_range(c);
  return Value::string(
      format_date(DateTime{date::sys_seconds{std::chrono::seconds{seconds}}, 0}, kDefaultFormat));
}

Outcome date_time_to_epoch_fn(Call& c) {
  if (!c.args[0].is_string()) return type_error(c, 0, "a String (a date)");
  auto t = parse_date(c.args[0].as_string());
  if (!t) return c.error("'" + c.args[0].as_string() + "' is not an ISO 8601 date and time");
  if (!in_dotnet_range(t->seconds)) return out_of_range(c);
  return Value::integer(t->seconds.time_since_epoch().count());
}

}  // namespace
}  // namespace fn

void register_date_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  out.push_back({"dateTimeAdd", 2, 3, ArgMode::Strict, true, date_time_add_fn});
  out.push_back({"dateTimeFromEpoch", 1, 1, ArgMode::Strict, false, date_time_from_epoch_fn});
  out.push_back({"dateTimeToEpoch", 1, 1, ArgMode::Strict, false, date_time_to_epoch_fn});
  out.push_back({"utcNow", 0, 1, ArgMode::Strict, false, utc_now_fn});
}

}  // namespace cmk::arm::expr
