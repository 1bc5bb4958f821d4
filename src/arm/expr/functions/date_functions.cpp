// Date functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-date

#include <cstdio>
#include <ctime>

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {
namespace {

struct DateTime {
  int64_t seconds = 0;  // since the Unix epoch, UTC
  int64_t ticks = 0;    // sub-second part in 100 ns units, as .NET keeps it
};

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

unsigned days_in_month(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Accepts ISO 8601 dates as Azure does: 2020-04-07, 2020-04-07T14:53:14Z, with a space instead
// of T, fractional seconds, and a Z or +hh:mm offset.
std::optional<DateTime> parse_date(const std::string& s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3) return std::nullopt;
  size_t i = static_cast<size_t>(consumed);
  int64_t ticks = 0;
  int64_t offset_seconds = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == ' ')) {
    ++i;
    int n = 0;
    if (std::sscanf(s.c_str() + i, "%2d:%2d%n", &h, &mi, &n) != 2) return std::nullopt;
    i += static_cast<size_t>(n);
    if (i < s.size() && s[i] == ':') {
      if (std::sscanf(s.c_str() + i, ":%2d%n", &sec, &n) != 1) return std::nullopt;
      i += static_cast<size_t>(n);
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      int64_t scale = 1000000;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        ticks += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
      }
    }
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
      ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      int oh = 0, om = 0;
      if (std::sscanf(s.c_str() + i + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
      offset_seconds = int64_t{s[i] == '+' ? 1 : -1} * (int64_t{oh} * 3600 + int64_t{om} * 60);
      i += 6;
    }
  }
  if (i != s.size()) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 ||
      d > static_cast<int>(days_in_month(y, static_cast<unsigned>(mo))) || h > 23 || mi > 59 ||
      sec > 59) {
    return std::nullopt;
  }
  DateTime t;
  t.seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
              int64_t{h} * 3600 + int64_t{mi} * 60 + sec - offset_seconds;
  t.ticks = ticks;
  return t;
}

struct Fields {
  int64_t year;
  unsigned month, day, hour, minute, second;
  int64_t ticks;
};

Fields fields(const DateTime& t) {
  int64_t days = t.seconds / 86400;
  int64_t rem = t.seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  Fields f{};
  civil_from_days(days, f.year, f.month, f.day);
  f.hour = static_cast<unsigned>(rem / 3600);
  f.minute = static_cast<unsigned>(rem / 60 % 60);
  f.second = static_cast<unsigned>(rem % 60);
  f.ticks = t.ticks;
  return f;
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

// ISO 8601 durations: PnYnMnWnDTnHnMnS. Azure does not add calendar years and months: a year
// is 365 days and a month 30 (the reference page: P1Y is P365D, P1M is P30D, so 2024-01-01 plus
// P1Y is 2024-12-31 and 2023-01-31 plus P1M is 2023-03-02).
struct Duration {
  int64_t days = 0, seconds = 0;
};

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
      ++digits;
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
  return DateTime{t.seconds + d.days * 86400 + d.seconds, t.ticks};
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
  return Value::string(format_date(add(*base, *duration), fmt));
}

Outcome date_time_from_epoch_fn(Call& c) {
  int64_t seconds = 0;
  if (!int_arg(c.args[0], seconds)) return type_error(c, 0, "an Integer");
  return Value::string(format_date(DateTime{seconds, 0}, kDefaultFormat));
}

Outcome date_time_to_epoch_fn(Call& c) {
  if (!c.args[0].is_string()) return type_error(c, 0, "a String (a date)");
  auto t = parse_date(c.args[0].as_string());
  if (!t) return c.error("'" + c.args[0].as_string() + "' is not an ISO 8601 date and time");
  return Value::integer(t->seconds);
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
