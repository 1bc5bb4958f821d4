#include "rules/severity.hpp"

#include "json/value.hpp"

namespace cmk::rules {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Info:
      return "info";
    case Severity::Low:
      return "low";
    case Severity::Medium:
      return "medium";
    case Severity::High:
      return "high";
    case Severity::Critical:
      return "critical";
  }
  return "info";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (Severity s :
       {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
    if (json::iequals(text, severity_name(s))) return s;
  }
  return std::nullopt;
}

}  // namespace cmk::rules
