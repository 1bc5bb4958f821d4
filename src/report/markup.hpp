#pragma once
// Text for XML and HTML reports.

#include <string>

namespace cmk::report {

// `raw` as valid UTF-8 with &, <, >, " and ' escaped, and the control characters XML 1.0 forbids
// (all but tab and line breaks) replaced by spaces: safe in element text and attribute values.
std::string escape_markup(const std::string& raw);

}  // namespace cmk::report
