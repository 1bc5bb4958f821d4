#include "rules/suppression.hpp"

#include <date/date.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <sstream>

namespace cmk::rules {

namespace {

bool is_code_line(std::string_view line) {
  const size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return false;
  return line.substr(first, 2) != "//" && line.substr(first, 2) != "/*";
}

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> ids;
  std::string id;
  for (char c : text + ",") {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!id.empty()) ids.push_back(id);
      id.clear();
    } else {
      id += c;
    }
  }
  return ids;
}

bool covers_rule(const Suppression& s, const std::string& id) {
  return std::any_of(s.rule_ids.begin(), s.rule_ids.end(),
                     [&](const std::string& r) { return r == "*" || r == id; });
}

// The pattern only asks for YYYY-MM-DD; the calendar decides whether such a day exists.
bool is_calendar_date(const std::string& text) {
  std::istringstream in(text);
  date::year_month_day day{};
  in >> date::parse("%Y-%m-%d", day);
  return !in.fail() && in.peek() == std::char_traits<char>::eof();
}

std::string where(const Suppression& s) {
  return s.defined_in + (s.defined_line ? ":" + std::to_string(s.defined_line) : "");
}

}  // namespace

std::vector<Suppression> inline_suppressions(const json::SourceText& source) {
  static const RE2 pattern(
      R"((.*?)//\s*cmkguard-ignore\s+([A-Za-z0-9*,\t -]+?)\s*(?::\s*(.*?))?\s*$)");
  static const RE2 expiry(R"((.*?)\s*\bexpires=(\d{4}-\d{2}-\d{2})\s*$)");
  std::vector<Suppression> out;
  const std::string& text = source.text();
  // The common case, searched for with glibc's memmem (find() stops at every 'c' of the file).
  static constexpr std::string_view kMarker = "cmkguard-ignore";
  if (::memmem(text.data(), text.size(), kMarker.data(), kMarker.size()) == nullptr) return out;
  for (uint32_t line = 1; line <= source.line_count(); ++line) {
    const std::string_view l = source.line_text(line);
    std::string before, ids, justification;
    if (!RE2::FullMatch(re2::StringPiece(l.data(), l.size()), pattern, &before, &ids,
                        &justification)) {
      continue;
    }
    Suppression s;
    s.kind = Suppression::Kind::InSource;
    s.rule_ids = split_ids(ids);
    std::string rest, date;
    if (RE2::FullMatch(justification, expiry, &rest, &date)) {
      justification = rest;
      s.expires = date;
    }
    s.justification = justification;
    s.defined_in = source.path();
    s.defined_line = line;
    if (is_code_line(before)) {
      s.target_line = line;
    } else {
      uint32_t next = line + 1;
      while (next <= source.line_count() && !is_code_line(source.line_text(next))) ++next;
      s.target_line = next;
    }
    out.push_back(std::move(s));
  }
  return out;
}

SuppressionSet::SuppressionSet(std::vector<Suppression> external, std::string today,
                               Diagnostics& diagnostics)
    : external_(std::move(external)), external_used_(external_.size()), today_(std::move(today)) {
  for (const Suppression& s : external_) external_ok_.push_back(usable(s, diagnostics));
}

bool SuppressionSet::usable(const Suppression& s, Diagnostics& diagnostics) const {
  if (s.justification.empty()) {
    diagnostics.push_back(Diagnostic{DiagnosticLevel::Warning,
                                     s.defined_in,
                                     s.defined_line,
                                     1,
                                     "suppression without a justification is ignored "
                                     "(write why after a colon)",
                                     {}});
    return false;
  }
  // An expiry that is no day (2026-02-30) is a typo: the suppression would end on a date its
  // author did not write, so it does not apply until the date is fixed.
  if (!s.expires.empty() && !is_calendar_date(s.expires)) {
    diagnostics.push_back(Diagnostic{DiagnosticLevel::Warning,
                                     s.defined_in,
                                     s.defined_line,
                                     1,
                                     "suppression expiry " + s.expires +
                                         " is not a calendar date and the suppression is ignored",
                                     {}});
    return false;
  }
  // Dates as YYYY-MM-DD order as their text does.
  if (!s.expires.empty() && s.expires < today_) {
    diagnostics.push_back(Diagnostic{DiagnosticLevel::Warning,
                                     s.defined_in,
                                     s.defined_line,
                                     1,
                                     "suppression expired on " + s.expires + " and is ignored",
                                     {}});
    return false;
  }
  return true;
}

void SuppressionSet::apply(std::vector<Finding>& findings, const std::string& display,
                           const std::string& absolute, std::vector<Suppression> in_source,
                           Diagnostics& diagnostics) {
  std::vector<InSource*> state;
  for (const Suppression& s : in_source) {
    auto [it, first] = in_source_.try_emplace({display, s.defined_line});
    if (first) it->second.ok = usable(s, diagnostics);
    state.push_back(&it->second);
  }

  for (Finding& f : findings) {
    if (f.result == Outcome::Pass || f.suppression) continue;
    for (size_t i = 0; i < in_source.size() && !f.suppression; ++i) {
      const Suppression& s = in_source[i];
      if (!covers_rule(s, f.rule->id)) continue;
      if (s.target_line != f.resource_line && s.target_line != f.line) continue;
      state[i]->used = true;
      if (state[i]->ok)
        f.suppression = AppliedSuppression{true, s.justification, where(s), s.expires};
    }
    for (size_t i = 0; i < external_.size() && !f.suppression; ++i) {
      const Suppression& s = external_[i];
      if (!covers_rule(s, f.rule->id)) continue;
      if (s.file && !s.file->matches(absolute)) continue;
      if (!s.resource.empty() && s.resource != f.resource_name &&
          s.resource != f.evaluated_name.value_or("")) {
        continue;
      }
      external_used_[i] = true;
      if (external_ok_[i])
        f.suppression = AppliedSuppression{false, s.justification, where(s), s.expires};
    }
  }
}

void SuppressionSet::report_unused(Diagnostics& diagnostics) const {
  for (const auto& [place, state] : in_source_) {
    if (state.used) continue;
    diagnostics.push_back(Diagnostic{DiagnosticLevel::Warning,
                                     place.first,
                                     place.second,
                                     1,
                                     "unused suppression: no finding of that rule here",
                                     {}});
  }
  for (size_t i = 0; i < external_.size(); ++i) {
    if (external_used_[i] || !external_ok_[i]) continue;
    diagnostics.push_back(Diagnostic{DiagnosticLevel::Warning,
                                     external_[i].defined_in,
                                     external_[i].defined_line,
                                     1,
                                     "unused suppression: it matched no finding",
                                     {}});
  }
}

}  // namespace cmk::rules
