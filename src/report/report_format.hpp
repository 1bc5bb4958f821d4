#pragma once
// The report formats `scan` and `verify` write, by the names --format and --output FORMAT=FILE
// take. One list, so help, errors, suggestions and rendering cannot disagree.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cmk::report {

enum class Format { Text, Json, Sarif, SarifGithub, Junit, Markdown, Html };

// Every format, in the order help and errors list them.
std::span<const Format> all_formats();

// The name the flags use: "text", "sarif-github", ...
std::string_view format_name(Format format);

// The format a flag names; nullopt for a name that is none.
std::optional<Format> parse_format(std::string_view name);

// Every name, in the order of all_formats().
std::vector<std::string> format_names();

// Whether the format is an audit report (markdown, html), which carries the run's evidence.
bool is_audit_format(Format format);

}  // namespace cmk::report
