#include "rules/yaml_support.hpp"

#include <algorithm>
#include <sstream>

#include "util/spelling.hpp"

namespace cmk::rules {

namespace {

json::Value to_value(const YAML::Node& node, size_t& budget, size_t max_nodes) {
  if (budget == 0) {
    yaml_fail(node,
              "value too large (more than " + std::to_string(max_nodes) + " nodes; YAML aliases?)");
  }
  --budget;
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return json::Value::null();
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (node.Tag() == "!") return json::Value::string(s);  // quoted: always a string
      if (s == "true" || s == "True" || s == "TRUE") return json::Value::boolean(true);
      if (s == "false" || s == "False" || s == "FALSE") return json::Value::boolean(false);
      if (s == "null" || s == "~") return json::Value::null();
      int64_t i = 0;
      double d = 0;
      if (YAML::convert<int64_t>::decode(node, i) && s.find_first_of(".eE") == std::string::npos) {
        return json::Value::integer(i);
      }
      if (YAML::convert<double>::decode(node, d) &&
          s.find_first_not_of("0123456789+-.eE") == std::string::npos) {
        return json::Value::number(d);
      }
      return json::Value::string(s);
    }
    case YAML::NodeType::Sequence: {
      json::Array items;
      for (const YAML::Node& item : node) items.push_back(to_value(item, budget, max_nodes));
      return json::Value::array(std::move(items));
    }
    case YAML::NodeType::Map: {
      json::Value obj = json::Value::object();
      for (const auto& kv : node) {
        obj.set(kv.first.as<std::string>(), to_value(kv.second, budget, max_nodes));
      }
      return obj;
    }
    default:
      return json::Value::null();
  }
}

}  // namespace

void yaml_fail(const YAML::Node& at, std::string message) {
  throw YamlError{at.Mark(), std::move(message), {}};
}

YAML::Node load_yaml(const std::string& text, uint64_t max_expanded_bytes) {
  YAML::Node root = YAML::Load(text);
  if (auto over = find_oversize(root, max_expanded_bytes)) {
    throw YamlError{over->mark, over->message, {}};
  }
  return root;
}

std::string yaml_scalar(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) yaml_fail(node, what + " must be a string");
  return node.Scalar();
}

std::vector<std::string> yaml_strings(const YAML::Node& node, const std::string& what) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) out.push_back(yaml_scalar(item, what));
  } else {
    yaml_fail(node, what + " must be a string or a list of strings");
  }
  return out;
}

void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                const std::string& where) {
  if (!map.IsMap()) yaml_fail(map, where + " must be a mapping");
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    yaml_fail(kv.first, "unknown key '" + key + "' in " + where + did_you_mean(key, allowed));
  }
}

json::Value yaml_value(const YAML::Node& node, size_t max_nodes) {
  size_t budget = max_nodes;
  return to_value(node, budget, max_nodes);
}

Diagnostic yaml_diagnostic(const std::string& file, const std::string& text, const YAML::Mark& mark,
                           std::string message) {
  Diagnostic d{DiagnosticLevel::Error,
               file,
               mark.line >= 0 ? static_cast<uint32_t>(mark.line + 1) : 0,
               mark.column >= 0 ? static_cast<uint32_t>(mark.column + 1) : 0,
               std::move(message),
               {}};
  if (d.line > 0) {
    std::istringstream lines(text);
    std::string line;
    for (uint32_t n = 0; n < d.line && std::getline(lines, line); ++n) {
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    d.source_line = line;
  }
  return d;
}

}  // namespace cmk::rules
