#include "report/report_options.hpp"

namespace cmk::report {

bool is_shown(const rules::Finding& f, const ReportOptions& o) {
  if (f.suppression && !o.show_suppressed) return false;
  switch (f.result) {
    case rules::Outcome::Pass:
      return o.include_pass;
    case rules::Outcome::Fail:
      return true;
    case rules::Outcome::Unknown:
      return o.unknown != UnknownPolicy::Ignore || o.include_pass;
  }
  return true;
}

bool is_failing(const rules::Finding& f, const ReportOptions& o) {
  if (o.fail_never || f.suppression || f.in_baseline || f.rule->severity < o.fail_on) {
    return false;
  }
  if (f.result == rules::Outcome::Fail) return true;
  return f.result == rules::Outcome::Unknown && o.unknown == UnknownPolicy::Fail;
}

const char* fail_on_name(const ReportOptions& o) {
  return o.fail_never ? "none" : rules::severity_name(o.fail_on);
}

}  // namespace cmk::report
