#include "report/json_writer.hpp"

#include "util/utf8.hpp"

namespace cmk::report {

JsonDocument::JsonDocument() : writer_(buffer_) { writer_.SetIndent(' ', 2); }

std::string JsonDocument::text() const {
  return std::string(buffer_.GetString(), buffer_.GetSize()) + "\n";
}

void write_string(JsonWriter& w, const std::string& value) {
  const std::string text = valid_utf8(value);
  w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_field(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  write_string(w, value);
}

void write_field(JsonWriter& w, const char* key, uint64_t value) {
  w.Key(key);
  w.Uint64(value);
}

}  // namespace cmk::report
