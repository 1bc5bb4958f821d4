#pragma once
// Evaluates whole templates the way the template model will: declarations, every resource
// (with its copy loop bound), nested deployments in their own scopes, and outputs. Used by the
// full-corpus test to prove the evaluator never fails on real templates.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "arm/expr/parser.hpp"
#include "arm/expr/template_scope.hpp"
#include "arm/model_resolver.hpp"
#include "json/reader.hpp"
#include "util/file_text.hpp"

namespace cmk::arm::expr::testing {

struct CorpusStats {
  size_t files = 0;
  size_t templates = 0;
  size_t expressions = 0;
  size_t unknown_values = 0;
  size_t skipped_by_condition = 0;
  std::map<std::string, size_t> errors_by_kind;
  std::map<std::string, size_t> unknowns_by_reason;
  std::vector<std::string> unsupported;  // "file: message" for unknown-function errors
  std::vector<std::string> samples;      // a few other errors, for the report
};

class CorpusWalker {
 public:
  explicit CorpusWalker(CorpusStats& stats) : stats_(stats) {}

  void walk_template(const std::string& file, TemplateScope& scope, int depth = 0) {
    if (depth > 16) return;
    ++stats_.templates;
    file_ = file;
    const json::Value& root = scope.root();
    count_expressions(root.find("parameters"));
    count_expressions(root.find("variables"));
    record(scope.check_declarations());
    if (const json::Value* resources = root.find("resources")) {
      if (resources->is_array()) {
        for (const json::Value& r : resources->items()) walk_resource(scope, r, {}, depth);
      } else if (resources->is_object()) {
        for (const json::Member& m : resources->members()) walk_resource(scope, m.value, {}, depth);
      }
    }
    if (const json::Value* outputs = root.find("outputs"); outputs && outputs->is_object()) {
      for (const json::Member& m : outputs->members()) walk_output(scope, m.value);
    }
  }

 private:
  static bool is_deployment(const json::Value& r) {
    const json::Value* type = r.find("type");
    return type && type->is_string() &&
           json::iequals(type->as_string(), "Microsoft.Resources/deployments");
  }

  void walk_resource(TemplateScope& scope, const json::Value& resource, const LoopBindings& outer,
                     int depth) {
    if (!resource.is_object()) return;
    LoopBindings loops = outer;
    if (auto copy = scope.resource_copy(resource, outer)) {
      record(copy->errors);
      json::Value index = copy->count.is_int() && copy->count.as_int() > 0
                              ? json::Value::integer(0)
                              : json::Value::unknown("copy index of an unknown loop");
      loops = TemplateScope::bind(*copy, std::move(index), outer);
    }
    // An existing resource is only read where it is referenced, so it is not evaluated here.
    if (const json::Value* existing = resource.find("existing");
        existing && existing->is_bool() && existing->as_bool()) {
      return;
    }
    // Azure does not evaluate a resource whose condition is false.
    if (const json::Value* condition = resource.find("condition")) {
      count_expressions(condition);
      Evaluated c = scope.evaluate(*condition, loops);
      record(c.errors);
      if (c.value.is_bool() && !c.value.as_bool()) {
        ++stats_.skipped_by_condition;
        return;
      }
    }
    // Child resources and nested templates are evaluated in their own right below.
    json::Value own = resource;
    json::Object& members = own.members();
    std::erase_if(members, [](const json::Member& m) { return json::iequals(m.key, "resources"); });
    if (is_deployment(resource)) {
      if (json::Value* props = own.find("properties"); props && props->is_object()) {
        std::erase_if(props->members(),
                      [](const json::Member& m) { return json::iequals(m.key, "template"); });
      }
    }
    count_expressions(&own);
    Evaluated e = scope.evaluate(own, loops);
    record(e.errors);
    count_unknowns(e.value);
    if (const json::Value* children = resource.find("resources");
        children && children->is_array()) {
      for (const json::Value& child : children->items()) walk_resource(scope, child, loops, depth);
    }
    if (is_deployment(resource)) {
      std::vector<ExprError> errors;
      const json::Value* props = resource.find("properties");
      const json::Value* tmpl = props ? props->find("template") : nullptr;
      // The nested template's own resources answer its reference() calls, as in the model.
      std::optional<arm::ModelResolver> resolver;
      if (tmpl && tmpl->is_object()) resolver.emplace(*tmpl);
      std::unique_ptr<TemplateScope> nested =
          scope.nested(resource, loops, errors, resolver ? &*resolver : nullptr);
      record(errors);
      const std::string file = file_;
      if (nested) {
        if (resolver) resolver->attach(*nested);
        walk_template(file, *nested, depth + 1);
      }
      file_ = file;
    }
  }

  void walk_output(TemplateScope& scope, const json::Value& output) {
    if (!output.is_object()) return;
    if (auto copy = scope.resource_copy(output)) {
      record(copy->errors);
      const json::Value* input = output.find("copy")->find("input");
      if (!input) return;
      json::Value index = copy->count.is_int() && copy->count.as_int() > 0
                              ? json::Value::integer(0)
                              : json::Value::unknown("copy index of an unknown loop");
      count_expressions(input);
      Evaluated e = scope.evaluate(*input, TemplateScope::bind(*copy, std::move(index)));
      record(e.errors);
      count_unknowns(e.value);
      return;
    }
    if (const json::Value* value = output.find("value")) {
      count_expressions(value);
      Evaluated e = scope.evaluate(*value);
      record(e.errors);
      count_unknowns(e.value);
    }
  }

  void record(const std::vector<ExprError>& errors) {
    for (const ExprError& e : errors) {
      ++stats_.errors_by_kind[error_kind_name(e.error.kind)];
      const std::string line = file_ + " @" + std::to_string(e.offset) + ":" +
                               std::to_string(e.error.column) + ": " + e.error.message;
      if (e.error.kind == ErrorKind::UnknownFunction) {
        stats_.unsupported.push_back(line);
      } else if (stats_.samples.size() < 100000) {
        stats_.samples.push_back(std::string(error_kind_name(e.error.kind)) + " " + line);
      }
    }
  }

  void count_expressions(const json::Value* v) {
    if (!v) return;
    switch (v->kind()) {
      case json::Kind::String:
        if (classify(v->as_string()) == StringForm::Expression) ++stats_.expressions;
        break;
      case json::Kind::Array:
        for (const json::Value& item : v->items()) count_expressions(&item);
        break;
      case json::Kind::Object:
        for (const json::Member& m : v->members()) {
          if (classify(m.key) == StringForm::Expression) ++stats_.expressions;
          count_expressions(&m.value);
        }
        break;
      default:
        break;
    }
  }

  // Groups reasons by their shape: quoted names are replaced so similar reasons add up.
  static std::string reason_shape(const std::string& reason) {
    std::string out;
    bool quoted = false;
    for (char c : reason) {
      if (c == '\'') {
        if (!quoted) out += "'…'";
        quoted = !quoted;
        continue;
      }
      if (!quoted) out += c;
    }
    const size_t colon = out.find("evaluation error: ");
    if (colon == 0) return out.substr(0, 60);
    return out;
  }

  void count_unknowns(const json::Value& v) {
    switch (v.kind()) {
      case json::Kind::Unknown:
        ++stats_.unknown_values;
        ++stats_.unknowns_by_reason[reason_shape(v.unknown_info().reason)];
        break;
      case json::Kind::Array:
        for (const json::Value& item : v.items()) count_unknowns(item);
        break;
      case json::Kind::Object:
        for (const json::Member& m : v.members()) count_unknowns(m.value);
        break;
      default:
        break;
    }
  }

  CorpusStats& stats_;
  std::string file_;
};

// Every template under `dir` (parameter files and the deliberately invalid scope snippets are
// skipped).
inline CorpusStats evaluate_corpus(const std::filesystem::path& dir) {
  CorpusStats stats;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    const std::string p = entry.path().generic_string();
    if (p.find("docs-samples/azure-resource-manager/scope/") != std::string::npos) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    FileText read = read_file_text(path);
    ++stats.files;
    if (!read.text) continue;
    json::ParseResult parsed = json::parse(json::SourceText(path.string(), std::move(*read.text)));
    if (!parsed.root || !parsed.root->is_object()) continue;
    const json::Value* schema = parsed.root->find("$schema");
    if (!schema || !schema->is_string() ||
        json::to_lower(schema->as_string()).find("deploymenttemplate.json") == std::string::npos) {
      continue;
    }
    // reference() answered by the template's own resources (module outputs included), as the
    // model answers it for rules.
    arm::ModelResolver resolver(*parsed.root);
    TemplateScope scope(*parsed.root, {json::Value::object(), {}, &resolver});
    resolver.attach(scope);
    CorpusWalker(stats).walk_template(std::filesystem::relative(path, dir).string(), scope);
  }
  return stats;
}

}  // namespace cmk::arm::expr::testing
