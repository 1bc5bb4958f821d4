#include "rules/rule_loader.hpp"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "rules/cmk_links.hpp"
#include "rules/embedded_rules.hpp"
#include "rules/yaml_support.hpp"
#include "util/file_text.hpp"
#include "util/spelling.hpp"

namespace cmk::rules {

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kRuleKeys = {
    "id",          "relations",  "title",      "severity",   "resource", "description", "message",
    "remediation", "references", "compliance", "conditions", "when",     "assert"};
const std::vector<std::string> kTestKeys = {
    "path", "of", "capture", "ignoreCase", "default", "defaultByApiVersion", "match", "normalize"};
const std::vector<std::string> kCombinators = {"allOf", "anyOf", "not", "anyItem", "use"};

const std::vector<std::pair<std::string, Operator>> kOperators = {
    {"equals", Operator::Equals},
    {"notEquals", Operator::NotEquals},
    {"in", Operator::In},
    {"notIn", Operator::NotIn},
    {"exists", Operator::Exists},
    {"greater", Operator::Greater},
    {"greaterOrEquals", Operator::GreaterOrEquals},
    {"less", Operator::Less},
    {"lessOrEquals", Operator::LessOrEquals},
    {"startsWith", Operator::StartsWith},
    {"endsWith", Operator::EndsWith},
    {"contains", Operator::Contains},
    {"matches", Operator::Matches},
};

std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  return did_you_mean(word, candidates);
}

PropertyPath path_of(const YAML::Node& node) {
  std::string error;
  auto path = parse_path(yaml_scalar(node, "path"), error);
  if (!path) yaml_fail(node, error);
  return *path;
}

// A named condition, kept as YAML: each `use` parses it afresh, so evaluation never sees names.
struct NamedCondition {
  YAML::Node body;
  YAML::Mark name_mark;
  std::string file;
  bool broken = false;  // its own file reported an error in it
};
using NamedConditions = std::map<std::string, NamedCondition>;

// A rule set's shared conditions (`*.conditions.yaml`), with their files' text for diagnostics.
struct ConditionLibrary {
  NamedConditions conditions;
  std::map<std::string, std::string> texts;
};

// Names are like rule ids: `use` reads well with them, and they cannot be mistaken for keys.
constexpr const char* kConditionName = "[a-z][a-z0-9]*(-[a-z0-9]+)*";

// Condition nodes a rule file may expand to, `use` included: named conditions that use each other
// twice over double at every level, the same blow-up as YAML aliases.
constexpr size_t kMaxConditionNodes = 10000;

// What a condition may name while it is parsed.
struct Scope {
  const NamedConditions* local = nullptr;  // the rule file's own; null inside a shared condition
  const NamedConditions* shared = nullptr;
  const std::vector<std::string>* relations = nullptr;  // null: not checked (a conditions file)
  std::string rule_id;
  std::string rule_file;
  // The names being expanded, outermost first, each marked shared or not: a repeat is a cycle.
  std::vector<std::pair<bool, std::string>> expanding;
  // Inside a shared condition a rule uses: that `use`, where errors about the rule point.
  std::optional<YAML::Mark> shared_use;
  std::string shared_name;
  std::set<std::string>* failed = nullptr;  // checking a library: shared names found broken
  size_t budget = kMaxConditionNodes;
};

NamedConditions parse_condition_names(const YAML::Node& node, const std::string& file) {
  if (!node.IsMap() || node.size() == 0) yaml_fail(node, "conditions maps a name to a condition");
  NamedConditions out;
  for (const auto& kv : node) {
    const std::string name = yaml_scalar(kv.first, "a condition name");
    if (!RE2::FullMatch(name, kConditionName)) {
      yaml_fail(kv.first, "a condition name is lower-case words joined by dashes, e.g. uses-cmk");
    }
    if (out.count(name)) yaml_fail(kv.first, "condition '" + name + "' is defined twice");
    out[name] = NamedCondition{kv.second, kv.first.Mark(), file, false};
  }
  return out;
}

// A test's `of` or an anyItem's must name a relation of the rule.
void check_relation(const YAML::Node& at, const std::string& name, const Scope& scope) {
  if (name.empty() || !scope.relations) return;
  if (std::find(scope.relations->begin(), scope.relations->end(), name) != scope.relations->end()) {
    return;
  }
  if (is_link_name(name)) return;  // a CMK link used without a declaration (add_implicit_links)
  const std::string message = "'" + name + "' names no relation of rule " + scope.rule_id;
  if (scope.shared_use) {
    throw YamlError{*scope.shared_use, message + " (in condition '" + scope.shared_name + "')",
                    scope.rule_file};
  }
  yaml_fail(at, message);
}

Condition parse_condition(const YAML::Node& node, Scope& scope);

Condition parse_test(const YAML::Node& node, Scope& scope) {
  Test test;
  test.line = static_cast<uint32_t>(node.Mark().line + 1);
  test.column = static_cast<uint32_t>(node.Mark().column + 1);
  std::optional<std::string> op_key;
  std::optional<bool> ignore_case;  // as written
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& val = kv.second;
    auto op = std::find_if(kOperators.begin(), kOperators.end(),
                           [&](const auto& o) { return o.first == key; });
    if (op != kOperators.end()) {
      if (op_key)
        yaml_fail(kv.first, "a test takes exactly one operator, found '" + *op_key + "' and '" +
                                key + "' (combine tests with allOf/anyOf)");
      op_key = key;
      test.op = op->second;
      if (val.IsMap() && val["context"] && val.size() == 1) {  // {context: tenantId}
        test.operand_context = yaml_scalar(val["context"], "context");
        const std::vector<std::string> names = {"tenantId", "subscriptionId", "location",
                                                "resourceGroup", "now"};
        if (std::find(names.begin(), names.end(), test.operand_context) == names.end()) {
          yaml_fail(val["context"],
                    "context takes tenantId, subscriptionId, location, resourceGroup or now" +
                        suggestion(test.operand_context, names));
        }
        continue;
      }
      if (val.IsMap() && val["path"]) {  // another property: {path, of?, capture?}
        for (const auto& o : val) {
          const std::string k = o.first.as<std::string>();
          if (k == "path") {
            test.operand_path = path_of(o.second);
          } else if (k == "of") {
            test.operand_of = yaml_scalar(o.second, "of");
          } else if (k == "capture") {
            RE2::Options options;
            options.set_log_errors(false);
            auto re = std::make_shared<RE2>(yaml_scalar(o.second, "capture"), options);
            if (!re->ok()) yaml_fail(o.second, "invalid regular expression: " + re->error());
            if (re->NumberOfCapturingGroups() < 1) yaml_fail(o.second, "capture needs a (group)");
            test.operand_capture = std::move(re);
          } else {
            yaml_fail(o.first, "unknown key '" + k + "' in an operand" +
                                   suggestion(k, {"path", "of", "capture"}));
          }
        }
      } else {
        test.operand = yaml_value(val);
      }
      continue;
    }
    if (key == "path") {
      test.path = path_of(val);
    } else if (key == "of") {
      test.of = yaml_scalar(val, "of");
    } else if (key == "capture") {
      RE2::Options options;
      options.set_log_errors(false);
      auto re = std::make_shared<RE2>(yaml_scalar(val, "capture"), options);
      if (!re->ok()) yaml_fail(val, "invalid regular expression: " + re->error());
      if (re->NumberOfCapturingGroups() < 1) yaml_fail(val, "capture needs a (group)");
      test.capture = std::move(re);
    } else if (key == "ignoreCase") {
      const json::Value b = yaml_value(val);
      if (!b.is_bool()) yaml_fail(val, "ignoreCase must be true or false");
      ignore_case = b.as_bool();
      test.ignore_case = b.as_bool();
    } else if (key == "normalize") {
      const std::string n = yaml_scalar(val, "normalize");
      if (n != "location")
        yaml_fail(val, "normalize takes 'location'" + suggestion(n, {"location"}));
      test.normalize = Normalize::Location;
    } else if (key == "match") {
      const std::string m = yaml_scalar(val, "match");
      if (m != "all" && m != "any") yaml_fail(val, "match must be 'all' or 'any'");
      test.match_any = m == "any";
    } else if (key == "default") {
      test.default_value = yaml_value(val);
    } else if (key == "defaultByApiVersion") {
      if (!val.IsSequence()) yaml_fail(val, "defaultByApiVersion must be a list of {from, value}");
      for (const YAML::Node& entry : val) {
        if (!entry.IsMap() || !entry["value"]) yaml_fail(entry, "each entry needs a 'value'");
        VersionedDefault d;
        for (const auto& e : entry) {
          const std::string k = e.first.as<std::string>();
          if (k == "from")
            d.from = yaml_scalar(e.second, "from");
          else if (k == "value")
            d.value = yaml_value(e.second);
          else
            yaml_fail(e.first, "unknown key '" + k + "' in defaultByApiVersion" +
                                   suggestion(k, {"from", "value"}));
        }
        test.default_by_api_version.push_back(std::move(d));
      }
    } else {
      std::vector<std::string> all = kTestKeys;
      for (const auto& o : kOperators) all.push_back(o.first);
      for (const auto& c : kCombinators) all.push_back(c);
      yaml_fail(kv.first, "unknown key '" + key + "' in condition" + suggestion(key, all));
    }
  }
  if (test.path.segments.empty()) yaml_fail(node, "a test needs a 'path'");
  if (!op_key)
    yaml_fail(node,
              "a test needs an operator (equals, notEquals, in, notIn, exists, "
              "greater, greaterOrEquals, less, lessOrEquals, startsWith, endsWith, "
              "contains, matches)");
  const YAML::Node op_node = node[*op_key];
  for (const std::string* name : {&test.of, &test.operand_of}) check_relation(node, *name, scope);
  if (test.normalize != Normalize::None) {
    if (ignore_case && !*ignore_case) {
      yaml_fail(node["ignoreCase"], "normalize: location ignores case; remove 'ignoreCase: false'");
    }
    test.ignore_case = true;
    const std::vector<Operator> text_ops = {
        Operator::Equals,     Operator::NotEquals, Operator::In,      Operator::NotIn,
        Operator::StartsWith, Operator::EndsWith,  Operator::Contains};
    if (std::find(text_ops.begin(), text_ops.end(), test.op) == text_ops.end()) {
      yaml_fail(node["normalize"], "normalize applies to text comparisons, not '" + *op_key +
                                       "' (equals, notEquals, in, notIn, startsWith, endsWith, "
                                       "contains)");
    }
  }
  auto require = [&](bool ok, const char* what) {
    if (!ok && !test.operand_path && test.operand_context.empty()) {
      yaml_fail(op_node, "'" + *op_key + "' takes " + what);
    }
  };
  switch (test.op) {
    case Operator::In:
    case Operator::NotIn:
      require(test.operand.is_array(), "a list");
      break;
    case Operator::Exists:
      if (test.operand_path || !test.operand.is_bool())
        yaml_fail(op_node, "'exists' takes true or false");
      break;
    case Operator::Greater:
    case Operator::GreaterOrEquals:
    case Operator::Less:
    case Operator::LessOrEquals:
      require(test.operand.is_number(), "a number");
      break;
    case Operator::StartsWith:
    case Operator::EndsWith:
      require(test.operand.is_string(), "a string");
      break;
    case Operator::Matches: {
      if (test.operand_path || !test.operand.is_string())
        yaml_fail(op_node, "'matches' takes a regular expression string");
      RE2::Options options;
      options.set_log_errors(false);
      options.set_case_sensitive(!test.ignore_case);
      auto re = std::make_shared<RE2>(test.operand.as_string(), options);
      if (!re->ok()) yaml_fail(op_node, "invalid regular expression: " + re->error());
      test.regex = std::move(re);
      break;
    }
    default:
      break;
  }
  return Condition{std::move(test)};
}

std::vector<std::string> names_in_scope(const Scope& scope) {
  std::vector<std::string> names;
  for (const NamedConditions* m : {scope.local, scope.shared}) {
    if (!m) continue;
    for (const auto& [name, named] : *m) names.push_back(name);
  }
  return names;
}

// `use: NAME` is the named condition, parsed in its own scope: a shared condition sees only
// shared names, whatever the rule using it defines.
Condition expand_use(const YAML::Node& at, Scope& scope) {
  const std::string name = yaml_scalar(at, "use");
  const NamedCondition* found = nullptr;
  bool shared = false;
  if (scope.local) {
    if (auto it = scope.local->find(name); it != scope.local->end()) found = &it->second;
  }
  if (!found && scope.shared) {
    if (auto it = scope.shared->find(name); it != scope.shared->end()) {
      found = &it->second;
      shared = true;
    }
  }
  if (!found)
    yaml_fail(at, "no condition named '" + name + "'" + suggestion(name, names_in_scope(scope)));
  const auto entry = std::make_pair(shared, name);
  if (auto loop = std::find(scope.expanding.begin(), scope.expanding.end(), entry);
      loop != scope.expanding.end()) {
    std::string cycle;
    for (auto it = loop; it != scope.expanding.end(); ++it) cycle += it->second + " -> ";
    yaml_fail(at, "condition '" + name + "' uses itself: " + cycle + name);
  }
  if (found->broken) yaml_fail(at, "condition '" + name + "' has errors (in " + found->file + ")");

  const Scope outer = scope;
  scope.expanding.push_back(entry);
  if (shared) {
    scope.local = nullptr;
    if (outer.local && outer.relations) {  // from a rule into a shared condition
      scope.shared_use = at.Mark();
      scope.shared_name = name;
    }
  }
  auto restore = [&] {
    scope.local = outer.local;
    scope.expanding = outer.expanding;
    scope.shared_use = outer.shared_use;
    scope.shared_name = outer.shared_name;
  };
  try {
    Condition c = parse_condition(found->body, scope);
    restore();
    return c;
  } catch (YamlError& e) {
    restore();
    if (shared) {
      if (e.file.empty()) e.file = found->file;
      if (scope.failed) scope.failed->insert(name);
    }
    throw;
  }
}

Condition parse_condition(const YAML::Node& node, Scope& scope) {
  if (scope.budget == 0) {
    yaml_fail(node, "conditions expand to more than " + std::to_string(kMaxConditionNodes) +
                        " nodes in one rule (named conditions or YAML aliases used too often?)");
  }
  --scope.budget;
  if (!node.IsMap()) yaml_fail(node, "a condition must be a mapping");
  for (const std::string& c : kCombinators) {
    if (!node[c]) continue;
    if (node.size() != 1) yaml_fail(node, "'" + c + "' must stand alone in its condition");
    const YAML::Node& inner = node[c];
    if (c == "use") return expand_use(inner, scope);
    if (c == "not") {
      return Condition{Not{std::make_unique<Condition>(parse_condition(inner, scope))}};
    }
    if (c == "anyItem") {
      if (!inner.IsMap() || !inner["path"] || !inner["where"]) {
        yaml_fail(inner, "'anyItem' takes {path, where} and optionally 'of'");
      }
      AnyItem item;
      item.line = static_cast<uint32_t>(inner.Mark().line + 1);
      item.column = static_cast<uint32_t>(inner.Mark().column + 1);
      for (const auto& kv : inner) {
        const std::string k = kv.first.as<std::string>();
        if (k == "path") {
          item.path = path_of(kv.second);
        } else if (k == "of") {
          item.of = yaml_scalar(kv.second, "of");
          check_relation(inner, item.of, scope);
        } else if (k == "where") {
          item.where = std::make_unique<Condition>(parse_condition(kv.second, scope));
        } else {
          yaml_fail(kv.first,
                    "unknown key '" + k + "' in anyItem" + suggestion(k, {"path", "of", "where"}));
        }
      }
      return Condition{std::move(item)};
    }
    if (!inner.IsSequence() || inner.size() == 0)
      yaml_fail(inner, "'" + c + "' takes a non-empty list");
    std::vector<Condition> parts;
    for (const YAML::Node& part : inner) parts.push_back(parse_condition(part, scope));
    if (c == "allOf") return Condition{AllOf{std::move(parts)}};
    return Condition{AnyOf{std::move(parts)}};
  }
  return parse_test(node, scope);
}

Relation parse_relation(const YAML::Node& name, const YAML::Node& node, Scope& scope) {
  Relation r;
  r.name = name.as<std::string>();
  if (!RE2::FullMatch(r.name, "[A-Za-z][A-Za-z0-9]*"))
    yaml_fail(name, "a relation name is a word, e.g. vault");
  if (!node.IsMap()) yaml_fail(node, "a relation is {resource, match, missing, description}");
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (key == "resource") {
      r.types = yaml_strings(kv.second, "resource");
    } else if (key == "match") {
      // A list is all of its tests; a single condition may also use allOf/anyOf/not.
      const YAML::Node& m = kv.second;
      if (m.IsSequence()) {
        std::vector<Condition> parts;
        for (const YAML::Node& t : m) parts.push_back(parse_condition(t, scope));
        if (parts.empty()) yaml_fail(m, "match needs at least one test");
        r.match = std::make_shared<const Condition>(Condition{AllOf{std::move(parts)}});
      } else {
        r.match = std::make_shared<const Condition>(parse_condition(m, scope));
      }
    } else if (key == "missing") {
      const std::string v = yaml_scalar(kv.second, "missing");
      if (v == "unknown")
        r.missing = Relation::Missing::Unknown;
      else if (v == "pass")
        r.missing = Relation::Missing::Pass;
      else if (v == "fail")
        r.missing = Relation::Missing::Fail;
      else if (v == "skip")
        r.missing = Relation::Missing::Skip;
      else
        yaml_fail(kv.second, "missing must be unknown, pass, fail or skip");
    } else if (key == "undecided") {
      const std::string v = yaml_scalar(kv.second, "undecided");
      if (v == "unknown")
        r.undecided = Relation::Missing::Unknown;
      else if (v == "skip")
        r.undecided = Relation::Missing::Skip;
      else
        yaml_fail(kv.second, "undecided must be unknown or skip");
    } else if (key == "description") {
      r.description = yaml_scalar(kv.second, "description");
    } else if (key == "link") {
      r.link = yaml_scalar(kv.second, "link");
      if (!is_link_name(r.link)) {
        std::vector<std::string> names(std::begin(kLinkNames), std::end(kLinkNames));
        yaml_fail(kv.second, "'" + r.link + "' is no CMK link (vault, key, identity, keyAccess, " +
                                 "creation)" + suggestion(r.link, names));
      }
    } else {
      yaml_fail(kv.first, "unknown key '" + key + "' in a relation" +
                              suggestion(key, {"resource", "match", "missing", "undecided",
                                               "description", "link"}));
    }
  }
  if (!r.link.empty()) {
    if (r.match || !r.types.empty()) {
      yaml_fail(node, "a relation is either a 'link' or 'resource' with 'match', not both");
    }
    return r;
  }
  if (r.types.empty()) yaml_fail(node, "a relation needs a 'resource' type");
  if (!r.match) yaml_fail(node, "a relation needs 'match' tests that identify the resource");
  return r;
}

// Every `of` name a condition uses.
void collect_of_names(const Condition& c, std::vector<std::string>& out) {
  if (const Test* t = std::get_if<Test>(&c.node)) {
    for (const std::string* name : {&t->of, &t->operand_of}) {
      if (!name->empty()) out.push_back(*name);
    }
  } else if (const AllOf* a = std::get_if<AllOf>(&c.node)) {
    for (const Condition& p : a->parts) collect_of_names(p, out);
  } else if (const AnyOf* a = std::get_if<AnyOf>(&c.node)) {
    for (const Condition& p : a->parts) collect_of_names(p, out);
  } else if (const AnyItem* item = std::get_if<AnyItem>(&c.node)) {
    if (!item->of.empty()) out.push_back(item->of);
    collect_of_names(*item->where, out);
  } else {
    collect_of_names(*std::get<Not>(c.node).inner, out);
  }
}

// A CMK link a rule reads without declaring it is a relation of its own name, undecided when
// the link cannot be resolved.
void add_implicit_links(Rule& rule) {
  std::vector<std::string> names;
  if (rule.when) collect_of_names(*rule.when, names);
  if (rule.assertion) collect_of_names(*rule.assertion, names);
  for (const Relation& r : rule.relations) {
    if (r.match) collect_of_names(*r.match, names);
  }
  for (const std::string& name : names) {
    const bool declared = std::any_of(rule.relations.begin(), rule.relations.end(),
                                      [&](const Relation& r) { return r.name == name; });
    if (declared || !is_link_name(name)) continue;
    Relation link;
    link.name = name;
    link.link = name;
    rule.relations.push_back(std::move(link));
  }
}

Rule parse_rule(const YAML::Node& root, const std::string& file, const ConditionLibrary& library) {
  if (!root.IsMap()) yaml_fail(root, "a rule file must be a mapping");
  Rule rule;
  rule.source = {file, static_cast<uint32_t>(root.Mark().line + 1)};
  // Conditions may name relations and named conditions written further down the file.
  std::vector<std::string> relation_names;
  if (const YAML::Node rels = root["relations"]; rels && rels.IsMap()) {
    for (const auto& rel : rels) relation_names.push_back(rel.first.as<std::string>());
  }
  NamedConditions local;
  if (root["conditions"]) local = parse_condition_names(root["conditions"], file);
  Scope scope;
  scope.local = &local;
  scope.shared = &library.conditions;
  scope.relations = &relation_names;
  scope.rule_id = root["id"] && root["id"].IsScalar() ? root["id"].Scalar() : "";
  scope.rule_file = file;
  // A named condition must hold up on its own, used or not.
  for (const auto& [name, named] : local) {
    scope.expanding = {{false, name}};
    parse_condition(named.body, scope);
  }
  scope.expanding.clear();
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& val = kv.second;
    if (key == "id") {
      rule.id = yaml_scalar(val, "id");
      if (!RE2::FullMatch(rule.id, "[a-z0-9]+(-[a-z0-9]+)*")) {
        yaml_fail(val, "id must be lower-case words joined by dashes, e.g. kv-purge-protection");
      }
    } else if (key == "title") {
      rule.title = yaml_scalar(val, "title");
    } else if (key == "severity") {
      auto s = parse_severity(yaml_scalar(val, "severity"));
      if (!s) yaml_fail(val, "severity must be critical, high, medium, low or info");
      rule.severity = *s;
    } else if (key == "resource") {
      rule.resource_types = yaml_strings(val, "resource");
    } else if (key == "description") {
      rule.description = yaml_scalar(val, "description");
    } else if (key == "message") {
      rule.message = yaml_scalar(val, "message");
    } else if (key == "remediation") {
      rule.remediation = yaml_scalar(val, "remediation");
    } else if (key == "references") {
      rule.references = yaml_strings(val, "references");
    } else if (key == "compliance") {
      if (!val.IsMap()) yaml_fail(val, "compliance maps a framework to a list of control ids");
      for (const auto& fw : val) {
        rule.compliance.emplace_back(fw.first.as<std::string>(),
                                     yaml_strings(fw.second, "compliance controls"));
      }
    } else if (key == "relations") {
      if (!val.IsMap()) yaml_fail(val, "relations maps a name to {resource, match, missing}");
      for (const auto& rel : val) {
        rule.relations.push_back(parse_relation(rel.first, rel.second, scope));
      }
    } else if (key == "conditions") {
      continue;  // read above
    } else if (key == "when") {
      rule.when = std::make_shared<const Condition>(parse_condition(val, scope));
    } else if (key == "assert") {
      rule.assertion = std::make_shared<const Condition>(parse_condition(val, scope));
    } else {
      yaml_fail(kv.first, "unknown key '" + key + "' in rule" + suggestion(key, kRuleKeys));
    }
  }
  for (const char* required : {"id", "title", "severity", "resource", "message", "assert"}) {
    if (!root[required]) yaml_fail(root, std::string("rule has no '") + required + "'");
  }
  if (rule.message.empty()) yaml_fail(root["message"], "message is empty");
  add_implicit_links(rule);
  return rule;
}

bool is_yaml(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext != ".yaml" && ext != ".yml") return false;
  for (const auto& part : p) {
    if (part == "fixtures" || part == "tests") return false;
  }
  return true;
}

RuleLoadResult load_rule(const std::string& display_path, const std::string& text,
                         const ConditionLibrary& library) {
  RuleLoadResult result;
  const auto text_of = [&](const std::string& file) {
    auto it = library.texts.find(file);
    return it == library.texts.end() ? std::string() : it->second;
  };
  read_yaml(
      display_path, text, result.diagnostics,
      [&] {
        result.rules.push_back(parse_rule(load_yaml(text), display_path, library));
        result.rules.back().definition = text;
      },
      text_of);
  return result;
}

// Adds one conditions file's names to `library`; their bodies are checked once all are in, as
// they may use each other across files.
void read_conditions_file(const RuleSource& file, ConditionLibrary& library, Diagnostics& diags) {
  library.texts[file.path] = file.text;
  read_yaml(file.path, file.text, diags, [&] {
    const YAML::Node root = load_yaml(file.text);
    if (!root.IsMap()) yaml_fail(root, "a conditions file is a mapping with 'conditions'");
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      if (key != "conditions") {
        yaml_fail(kv.first, "unknown key '" + key + "' in a conditions file" +
                                suggestion(key, {"conditions"}) +
                                " (a *.conditions.yaml file holds only named conditions)");
      }
    }
    if (!root["conditions"]) yaml_fail(root, "conditions file has no 'conditions'");
    for (auto& [name, named] : parse_condition_names(root["conditions"], file.path)) {
      auto [it, added] = library.conditions.emplace(name, named);
      if (!added) {
        diags.push_back(
            yaml_diagnostic(file.path, file.text, named.name_mark,
                            "condition '" + name + "' is also defined in " + it->second.file));
      }
    }
  });
}

// Parses every shared condition once, so an error is reported where it is written, once; a rule
// that uses a broken one is told where to look.
void check_library(ConditionLibrary& library, Diagnostics& diags) {
  std::set<std::string> failed;
  for (auto& [name, named] : library.conditions) {
    if (named.broken) continue;
    Scope scope;
    scope.shared = &library.conditions;
    scope.expanding = {{true, name}};
    scope.failed = &failed;
    const YAML::Node& body = named.body;  // clang 14 cannot capture a structured binding
    const bool read = read_yaml(
        named.file, library.texts[named.file], diags, [&] { parse_condition(body, scope); },
        [&](const std::string& file) { return library.texts[file]; });
    if (!read) failed.insert(name);
    for (const std::string& f : failed) library.conditions.at(f).broken = true;
  }
}

}  // namespace

bool is_conditions_file(std::string_view path) {
  return path.ends_with(".conditions.yaml") || path.ends_with(".conditions.yml");
}

RuleLoadResult load_rule_text(const std::string& display_path, const std::string& text) {
  return load_rule(display_path, text, ConditionLibrary{});
}

RuleLoadResult load_rule_set(const std::vector<RuleSource>& files, bool builtin_conditions) {
  RuleLoadResult result;
  ConditionLibrary library;
  for (const RuleSource& f : files) {
    if (is_conditions_file(f.path)) read_conditions_file(f, library, result.diagnostics);
  }
  if (builtin_conditions) {
    // The shipped conditions (uses-cmk, ...) serve the user's rules too, under the user's own.
    ConditionLibrary shipped;
    Diagnostics ignored;  // the shipped files are checked by their own tests
    for (const EmbeddedRule& r : embedded_rules()) {
      if (is_conditions_file(r.path)) read_conditions_file({r.path, r.text}, shipped, ignored);
    }
    for (auto& [name, named] : shipped.conditions) library.conditions.emplace(name, named);
    for (auto& [file, text] : shipped.texts) library.texts.emplace(file, text);
  }
  check_library(library, result.diagnostics);
  for (const RuleSource& f : files) {
    if (!is_conditions_file(f.path)) merge_rules(result, load_rule(f.path, f.text, library));
  }
  return result;
}

void merge_rules(RuleLoadResult& into, RuleLoadResult more) {
  for (Diagnostic& d : more.diagnostics) into.diagnostics.push_back(std::move(d));
  for (Rule& r : more.rules) {
    auto dup = std::find_if(into.rules.begin(), into.rules.end(),
                            [&](const Rule& o) { return o.id == r.id; });
    if (dup != into.rules.end()) {
      into.diagnostics.push_back(
          Diagnostic{DiagnosticLevel::Error,
                     r.source.file,
                     r.source.line,
                     1,
                     "duplicate rule id '" + r.id + "' (also in " + dup->source.file + ")",
                     {}});
      continue;
    }
    into.rules.push_back(std::move(r));
  }
}

RuleLoadResult load_rule_paths(const std::vector<std::string>& paths, std::uintmax_t max_size) {
  Diagnostics diagnostics;
  std::vector<RuleSource> sources;
  for (const std::string& arg : paths) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(arg, ec)) {
      fs::recursive_directory_iterator it(arg, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;  // a dangling link is no rule file, not a failed walk
        if (it->is_regular_file(type_ec) && is_yaml(it->path())) files.push_back(it->path());
      }
      // A folder of rules that cannot be read in full would drop rules without a word.
      if (ec) {
        diagnostics.push_back(Diagnostic{
            DiagnosticLevel::Error, arg, 0, 0, "cannot read rule directory: " + ec.message(), {}});
      }
      std::sort(files.begin(), files.end());
    } else if (fs::exists(arg, ec)) {
      files.emplace_back(arg);
    } else {
      diagnostics.push_back(
          Diagnostic{DiagnosticLevel::Error, arg, 0, 0, "no such rule file or directory", {}});
      continue;
    }
    for (const fs::path& f : files) {
      FileText read = read_file_text(f, max_size);
      if (!read.text) {
        diagnostics.push_back(Diagnostic{
            DiagnosticLevel::Error, f.string(), 0, 0, "cannot read rule file: " + read.error, {}});
        continue;
      }
      sources.push_back({f.string(), std::move(*read.text)});
    }
  }
  RuleLoadResult result = load_rule_set(sources, /*builtin_conditions=*/true);
  diagnostics.insert(diagnostics.end(), std::make_move_iterator(result.diagnostics.begin()),
                     std::make_move_iterator(result.diagnostics.end()));
  result.diagnostics = std::move(diagnostics);
  return result;
}

RuleLoadResult builtin_rules() {
  std::vector<RuleSource> sources;
  for (const EmbeddedRule& r : embedded_rules()) sources.push_back({r.path, r.text});
  return load_rule_set(sources);
}

}  // namespace cmk::rules
