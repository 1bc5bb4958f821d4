#include "report/report_format.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace cmk::report;

TEST_CASE("report formats: every format has a name that parses back to it", "[report_format]") {
  CHECK(format_names() == std::vector<std::string>{"text", "json", "sarif", "sarif-github", "junit",
                                                   "markdown", "html"});
  for (const Format format : all_formats()) {
    INFO(format_name(format));
    CHECK(parse_format(format_name(format)) == format);
  }
  CHECK_FALSE(parse_format("sarif_github"));
  CHECK_FALSE(parse_format("JSON"));
  CHECK_FALSE(parse_format(""));
}

TEST_CASE("report formats: markdown and html are the audit reports", "[report_format]") {
  for (const Format format : all_formats()) {
    INFO(format_name(format));
    CHECK(is_audit_format(format) == (format == Format::Markdown || format == Format::Html));
  }
}
