#include "report/rule_list_json.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "util/utf8.hpp"

namespace cmk::report {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void string(Writer& w, const std::string& value) {
  const std::string text = valid_utf8(value);
  w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
}

}  // namespace

std::string render_rule_list_json(const std::vector<rules::Rule>& rules) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("rules");
  w.StartArray();
  for (const rules::Rule& r : rules) {
    w.StartObject();
    w.Key("id");
    string(w, r.id);
    w.Key("severity");
    string(w, rules::severity_name(r.severity));
    w.Key("title");
    string(w, r.title);
    w.Key("resourceTypes");
    w.StartArray();
    for (const std::string& t : r.resource_types) string(w, t);
    w.EndArray();
    if (!r.references.empty()) {
      w.Key("helpUri");
      string(w, r.references.front());
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString()) + "\n";
}

}  // namespace cmk::report
