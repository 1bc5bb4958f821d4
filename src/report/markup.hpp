#pragma once
// Text for the XML and HTML reports. The JUnit report is written by an XML writer (pugixml),
// which escapes but passes on what XML 1.0 forbids; the HTML audit report is HTML5, not XML, and
// escapes its text with escape_markup.

#include <string>

namespace cmk::report {

// `raw` as valid UTF-8 with the control characters XML 1.0 forbids (all but tab and line breaks)
// replaced by spaces: what an XML writer may be given.
std::string xml_text(const std::string& raw);

// xml_text(raw) with &, <, >, " and ' escaped: safe in HTML element text and attribute values.
std::string escape_markup(const std::string& raw);

}  // namespace cmk::report
