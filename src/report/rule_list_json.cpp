#include "report/rule_list_json.hpp"

#include "report/json_writer.hpp"

namespace cmk::report {

std::string render_rule_list_json(const std::vector<rules::Rule>& rules) {
  JsonDocument document;
  JsonWriter& w = document.writer();
  w.StartObject();
  w.Key("rules");
  w.StartArray();
  for (const rules::Rule& r : rules) {
    w.StartObject();
    w.Key("id");
    write_string(w, r.id);
    w.Key("severity");
    write_string(w, rules::severity_name(r.severity));
    w.Key("title");
    write_string(w, r.title);
    w.Key("resourceTypes");
    w.StartArray();
    for (const std::string& t : r.resource_types) write_string(w, t);
    w.EndArray();
    if (!r.references.empty()) {
      w.Key("helpUri");
      write_string(w, r.references.front());
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return document.text();
}

}  // namespace cmk::report
