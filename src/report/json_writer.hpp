#pragma once
// The one way reports write JSON (the JSON report, SARIF, `rules --format json`): RapidJSON's
// PrettyWriter with two-space indents, every string made valid UTF-8 first (inputs may hold
// anything), the document ending in a newline.

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdint>
#include <string>

namespace cmk::report {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// A document being written: write through `writer`, then take `text()`.
class JsonDocument {
 public:
  JsonDocument();
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  JsonWriter& writer() { return writer_; }
  // What was written, with a final newline.
  std::string text() const;

 private:
  rapidjson::StringBuffer buffer_;
  JsonWriter writer_;
};

// A string value, made valid UTF-8.
void write_string(JsonWriter& w, const std::string& value);
// "key": value.
void write_field(JsonWriter& w, const char* key, const std::string& value);
void write_field(JsonWriter& w, const char* key, uint64_t value);

}  // namespace cmk::report
