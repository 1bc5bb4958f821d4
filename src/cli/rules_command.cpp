#include <algorithm>
#include <iostream>

#include "cli/cli_support.hpp"
#include "report/rule_docs.hpp"
#include "report/rule_list_json.hpp"
#include "rules/rule_loader.hpp"
#include "util/spelling.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kRulesUsage =
    "usage: cmkguard rules [RULE-ID]... [--format text|json] [--rules PATH]... "
    "[--no-builtin-rules]\n"
    "Lists the rules in effect (only those named, when RULE-IDs are given).";
constexpr const char* kExplainUsage =
    "usage: cmkguard explain RULE-ID [--rules PATH]...\n"
    "Describes a rule: why it matters, how to fix it, references and compliance mappings.";

po::options_description rule_source_options() {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "rules", po::value<std::vector<std::string>>()->composing(),
      "also load rules from FILE or DIR (repeatable)")("no-builtin-rules", po::bool_switch(),
                                                       "use only the rules given with --rules")(
      "ids", po::value<std::vector<std::string>>(), "rule ids");
  return options;
}

std::optional<rules::RuleLoadResult> load(const po::variables_map& vm) {
  rules::RuleLoadResult loaded;
  if (!vm["no-builtin-rules"].as<bool>()) loaded = rules::builtin_rules();
  if (vm.count("rules")) {
    rules::merge_rules(loaded, rules::load_rule_paths(vm["rules"].as<std::vector<std::string>>()));
  }
  print_diagnostics(loaded.diagnostics, std::cerr, false);
  if (has_errors(loaded.diagnostics)) return std::nullopt;
  return loaded;
}
}  // namespace

int run_rules(const Args& args) {
  auto options = rule_source_options();
  options.add_options()("format,f", po::value<std::string>()->default_value("text"),
                        "text | json (id, severity, title, resource types, help URI)");
  auto [vm, exit_code] = parse_command_line(args, options, "ids", kRulesUsage);
  if (!vm) return exit_code;
  const std::string format = (*vm)["format"].as<std::string>();
  if (format != "text" && format != "json") {
    std::cerr << "cmkguard rules: --format takes text or json, got '" << format << "'\n";
    return 2;
  }
  const auto render = [&](const std::vector<rules::Rule>& list) {
    return format == "json" ? report::render_rule_list_json(list) : report::render_rule_list(list);
  };
  auto loaded = load(*vm);
  if (!loaded) return 2;
  if (!vm->count("ids")) {
    std::cout << render(loaded->rules);
    return 0;
  }
  std::vector<std::string> known;
  for (const rules::Rule& r : loaded->rules) known.push_back(r.id);
  std::vector<rules::Rule> named;
  int status = 0;
  for (const std::string& id : (*vm)["ids"].as<std::vector<std::string>>()) {
    auto it = std::find_if(loaded->rules.begin(), loaded->rules.end(),
                           [&](const rules::Rule& r) { return r.id == id; });
    if (it == loaded->rules.end()) {
      std::cerr << "cmkguard rules: no rule '" << id << "'" << did_you_mean(id, known) << "\n";
      status = 2;
      continue;
    }
    named.push_back(*it);
  }
  std::cout << render(named);
  return status;
}

int run_explain(const Args& args) {
  const auto options = rule_source_options();
  auto [vm, exit_code] = parse_command_line(args, options, "ids", kExplainUsage);
  if (!vm) return exit_code;
  if (!vm->count("ids")) {
    std::cerr << "cmkguard explain: no RULE-ID given\n" << kExplainUsage << "\n";
    return 2;
  }
  auto loaded = load(*vm);
  if (!loaded) return 2;
  std::vector<std::string> known;
  for (const rules::Rule& r : loaded->rules) known.push_back(r.id);
  int status = 0;
  bool first = true;
  for (const std::string& id : (*vm)["ids"].as<std::vector<std::string>>()) {
    auto it = std::find_if(loaded->rules.begin(), loaded->rules.end(),
                           [&](const rules::Rule& r) { return r.id == id; });
    if (it == loaded->rules.end()) {
      // A unique prefix names its rule (`explain ai-cmk-vault-rec`).
      auto prefixed = [&](const rules::Rule& r) { return r.id.starts_with(id); };
      if (std::count_if(loaded->rules.begin(), loaded->rules.end(), prefixed) == 1) {
        it = std::find_if(loaded->rules.begin(), loaded->rules.end(), prefixed);
      }
    }
    if (it == loaded->rules.end()) {
      std::string several;
      for (const std::string& k : known) {
        if (k.starts_with(id)) several += (several.empty() ? "" : ", ") + k;
      }
      if (!several.empty()) {
        std::cerr << "cmkguard explain: '" << id << "' is the start of several rules: " << several
                  << "\n";
        status = 2;
        continue;
      }
      std::cerr << "cmkguard explain: no rule '" << id << "'" << did_you_mean(id, known) << "\n";
      status = 2;
      continue;
    }
    std::cout << (first ? "" : "\n") << report::render_rule_explanation(*it);
    first = false;
  }
  return status;
}

}  // namespace cmk::cli
