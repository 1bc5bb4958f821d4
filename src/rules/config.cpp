#include "rules/config.hpp"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>

#include "rules/yaml_support.hpp"
#include "util/file_text.hpp"
#include "util/spelling.hpp"

namespace cmk::rules {

namespace {

Severity severity(const YAML::Node& n) {
  auto s = parse_severity(yaml_scalar(n, "severity"));
  if (!s) yaml_fail(n, "severity must be critical, high, medium, low or info");
  return *s;
}

std::string resolve(const std::filesystem::path& base, const std::string& p) {
  const std::filesystem::path path(p);
  return path.is_absolute() || base.empty() ? p : (base / path).lexically_normal().string();
}

Config parse(const YAML::Node& root, const std::string& file, const std::filesystem::path& base) {
  // Globs in the file are relative to its folder; inputs are matched by absolute path.
  const std::string glob_base =
      std::filesystem::absolute(base.empty() ? "." : base).lexically_normal().generic_string();
  Config c;
  c.path = file;
  if (root.IsNull()) return c;
  check_keys(root,
             {"failOn", "unknown", "rules", "exclude", "suppressions", "baseline", "deployments",
              "maxFileSize", "skipDirectories", "bicep"},
             "the configuration");
  if (const YAML::Node f = root["failOn"]) {
    // "none" as --fail-on none: report everything, fail on nothing but input errors.
    if (f.IsScalar() && f.Scalar() == "none") {
      c.fail_on_none = true;
    } else if (auto s = f.IsScalar() ? parse_severity(f.Scalar()) : std::nullopt) {
      c.fail_on = *s;
    } else {
      yaml_fail(f, "failOn must be critical, high, medium, low, info or none");
    }
  }
  if (const YAML::Node d = root["skipDirectories"]) {
    if (!d.IsSequence()) yaml_fail(d, "skipDirectories must be a list of folder names");
    c.skip_directories = yaml_strings(d, "skipDirectories");
    for (const std::string& name : *c.skip_directories) {
      if (name.empty() || name.find_first_of("/\\") != std::string::npos) {
        yaml_fail(d, "skipDirectories holds folder names, not paths: '" + name + "'");
      }
    }
  }
  if (const YAML::Node b = root["bicep"]) {
    if (!b.IsScalar() || (b.Scalar() != "true" && b.Scalar() != "false")) {
      yaml_fail(b, "bicep must be true or false");
    }
    c.bicep = b.Scalar() == "true";
  }
  if (const YAML::Node u = root["unknown"]) {
    c.unknown = yaml_scalar(u, "unknown");
    if (*c.unknown != "fail" && *c.unknown != "warn" && *c.unknown != "ignore") {
      yaml_fail(u, "unknown must be fail, warn or ignore");
    }
  }
  if (const YAML::Node r = root["rules"]) {
    check_keys(r, {"builtin", "paths", "disable", "severity"}, "rules");
    if (r["builtin"]) c.builtin_rules = r["builtin"].as<bool>();
    if (r["paths"]) {
      for (const std::string& p : yaml_strings(r["paths"], "rules.paths")) {
        c.rule_paths.push_back(resolve(base, p));
      }
    }
    if (r["disable"]) c.disabled_rules = yaml_strings(r["disable"], "rules.disable");
    if (const YAML::Node sev = r["severity"]) {
      if (!sev.IsMap()) yaml_fail(sev, "rules.severity maps rule ids to severities");
      for (const auto& kv : sev) {
        c.severity_overrides.emplace_back(kv.first.as<std::string>(), severity(kv.second));
      }
    }
  }
  if (root["exclude"]) {
    for (const std::string& g : yaml_strings(root["exclude"], "exclude")) {
      c.exclude.push_back(std::make_shared<const Glob>(Glob::anchored(glob_base, g)));
    }
  }
  if (root["baseline"]) c.baseline = resolve(base, yaml_scalar(root["baseline"], "baseline"));
  if (const YAML::Node m = root["maxFileSize"]) {
    const std::string text = m.IsScalar() ? m.Scalar() : std::string();
    std::uintmax_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0) {
      yaml_fail(m, "maxFileSize must be a positive number of bytes");
    }
    c.max_file_size = value;
  }
  if (const YAML::Node deployments = root["deployments"]) {
    if (!deployments.IsSequence()) yaml_fail(deployments, "deployments must be a list");
    for (const YAML::Node& entry : deployments) {
      check_keys(entry, {"files", "subscriptionId", "resourceGroup", "location", "tenantId"},
                 "a deployment");
      if (!entry["files"]) yaml_fail(entry, "a deployment names its 'files' (a glob)");
      DeploymentMapping m;
      m.files = std::make_shared<const Glob>(
          Glob::anchored(glob_base, yaml_scalar(entry["files"], "files")));
      auto optional = [&](const char* key) -> std::optional<std::string> {
        return entry[key] ? std::optional(yaml_scalar(entry[key], key)) : std::nullopt;
      };
      m.context.subscription_id = optional("subscriptionId");
      m.context.resource_group = optional("resourceGroup");
      m.context.location = optional("location");
      m.context.tenant_id = optional("tenantId");
      c.deployments.push_back(std::move(m));
    }
  }
  if (const YAML::Node sup = root["suppressions"]) {
    if (!sup.IsSequence()) yaml_fail(sup, "suppressions must be a list");
    for (const YAML::Node& entry : sup) {
      check_keys(entry, {"rule", "rules", "files", "resource", "justification", "expires"},
                 "a suppression");
      Suppression s;
      s.kind = Suppression::Kind::External;
      s.defined_in = file;
      s.defined_line = static_cast<uint32_t>(entry.Mark().line + 1);
      if (entry["rule"]) s.rule_ids.push_back(yaml_scalar(entry["rule"], "rule"));
      if (entry["rules"]) {
        for (const std::string& id : yaml_strings(entry["rules"], "rules"))
          s.rule_ids.push_back(id);
      }
      if (s.rule_ids.empty())
        yaml_fail(entry, "a suppression names its rule ('rule' or 'rules'; '*' for all)");
      if (entry["files"]) {
        s.file = std::make_shared<const Glob>(
            Glob::anchored(glob_base, yaml_scalar(entry["files"], "files")));
      }
      if (entry["resource"]) s.resource = yaml_scalar(entry["resource"], "resource");
      if (entry["justification"])
        s.justification = yaml_scalar(entry["justification"], "justification");
      if (entry["expires"]) {
        s.expires = yaml_scalar(entry["expires"], "expires");
        if (!RE2::FullMatch(s.expires, R"(\d{4}-\d{2}-\d{2})")) {
          yaml_fail(entry["expires"], "expires must be a date, YYYY-MM-DD");
        }
      }
      c.suppressions.push_back(std::move(s));
    }
  }
  return c;
}

}  // namespace

ConfigLoadResult load_config_text(const std::string& display_path, const std::string& text,
                                  const std::filesystem::path& base_dir) {
  ConfigLoadResult result;
  // Read from any scanned repository: measured with its aliases expanded before it is read.
  read_yaml(display_path, text, result.diagnostics,
            [&] { result.config = parse(load_yaml(text), display_path, base_dir); });
  return result;
}

ConfigLoadResult load_config_file(const std::filesystem::path& path, std::uintmax_t max_size) {
  FileText read = read_file_text(path, max_size);
  if (!read.text) {
    ConfigLoadResult r;
    r.diagnostics.push_back(Diagnostic{DiagnosticLevel::Error,
                                       path.string(),
                                       0,
                                       0,
                                       "cannot read configuration: " + read.error,
                                       {}});
    return r;
  }
  return load_config_text(path.string(), *read.text, path.parent_path());
}

void apply_rule_settings(const Config& config, RuleLoadResult& rules) {
  std::vector<std::string> ids;
  for (const Rule& r : rules.rules) ids.push_back(r.id);
  auto check = [&](const std::string& id) {
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) return true;
    rules.diagnostics.push_back(Diagnostic{DiagnosticLevel::Error,
                                           config.path,
                                           0,
                                           0,
                                           "no rule '" + id + "'" + did_you_mean(id, ids),
                                           {}});
    return false;
  };
  for (const auto& [id, sev] : config.severity_overrides) {
    if (!check(id)) continue;
    for (Rule& r : rules.rules) {
      if (r.id == id) r.severity = sev;
    }
  }
  for (const std::string& id : config.disabled_rules) {
    if (!check(id)) continue;
    std::erase_if(rules.rules, [&](const Rule& r) { return r.id == id; });
  }
}

}  // namespace cmk::rules
