#include "report/markup.hpp"

#include "util/utf8.hpp"

namespace cmk::report {

std::string xml_text(const std::string& raw) {
  std::string out = valid_utf8(raw);
  for (char& c : out) {
    // XML 1.0 forbids most control characters even when escaped.
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\n' && c != '\t' && c != '\r') c = ' ';
  }
  return out;
}

std::string escape_markup(const std::string& raw) {
  const std::string s = xml_text(raw);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace cmk::report
