#include "report/report_format.hpp"

#include <array>

namespace cmk::report {

namespace {
constexpr std::array kFormats = {Format::Text,        Format::Json,  Format::Sarif,
                                 Format::SarifGithub, Format::Junit, Format::Markdown,
                                 Format::Html};
}  // namespace

std::span<const Format> all_formats() { return kFormats; }

std::string_view format_name(Format format) {
  switch (format) {
    case Format::Text:
      return "text";
    case Format::Json:
      return "json";
    case Format::Sarif:
      return "sarif";
    case Format::SarifGithub:
      return "sarif-github";
    case Format::Junit:
      return "junit";
    case Format::Markdown:
      return "markdown";
    case Format::Html:
      return "html";
  }
  return "text";
}

std::optional<Format> parse_format(std::string_view name) {
  for (const Format format : kFormats) {
    if (format_name(format) == name) return format;
  }
  return std::nullopt;
}

std::vector<std::string> format_names() {
  std::vector<std::string> names;
  names.reserve(kFormats.size());
  for (const Format format : kFormats) names.emplace_back(format_name(format));
  return names;
}

bool is_audit_format(Format format) { return format == Format::Markdown || format == Format::Html; }

}  // namespace cmk::report
