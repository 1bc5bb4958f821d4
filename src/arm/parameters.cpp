#include "arm/parameters.hpp"

#include "json/reader.hpp"

namespace cmk::arm {

ParameterValues parameter_values_of(const InputFile& file, Diagnostics& diagnostics) {
  ParameterValues values = json::Value::object();
  const json::Value* params = file.root.find("parameters");
  if (!params || !params->is_object()) return values;
  for (const json::Member& m : params->members()) {
    if (const json::Value* v = m.value.find("value")) {
      values.set(m.key, *v, m.key_offset);
    } else if (const json::Value* ref = m.value.find("reference")) {
      const json::Value* secret = ref->find("secretName");
      const std::string name = secret && secret->is_string() ? secret->as_string() : "?";
      values.set(m.key,
                 json::Value::unknown(
                     "a Key Vault secret reference (secret '" + name + "'); secrets are never read",
                     {}, ref->offset()),
                 m.key_offset);
    } else {
      diagnostics.push_back(
          json::diagnostic_at(*file.source, m.key_offset, DiagnosticLevel::Warning,
                              "parameter '" + m.key + "' has neither 'value' nor 'reference'"));
    }
  }
  return values;
}

std::optional<std::pair<std::string, json::Value>> parse_param_assignment(const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return std::nullopt;
  const std::string name = text.substr(0, eq);
  const std::string raw = text.substr(eq + 1);
  json::ParseResult parsed = json::parse(json::SourceText("--param", raw));
  if (parsed.root) {
    return std::make_pair(name, *parsed.root);
  }
  return std::make_pair(name, json::Value::string(raw));
}

std::optional<std::filesystem::path> paired_parameters_file(const std::filesystem::path& tmpl) {
  const std::string stem = tmpl.stem().string();
  if (stem.ends_with(".parameters")) return std::nullopt;
  const auto candidate = tmpl.parent_path() / (stem + ".parameters" + tmpl.extension().string());
  std::error_code ec;
  if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
  return std::nullopt;
}

ParameterValues paired_parameter_values(const std::filesystem::path& tmpl, Diagnostics& diagnostics,
                                        std::uintmax_t max_size) {
  const auto paired = paired_parameters_file(tmpl);
  if (!paired) return json::Value::object();
  const std::string display = paired->lexically_normal().generic_string();
  LoadResult loaded = load_file(*paired, display, max_size);
  for (Diagnostic& d : loaded.diagnostics) diagnostics.push_back(std::move(d));
  if (!loaded.file || loaded.file->kind != FileKind::Parameters) return json::Value::object();
  return parameter_values_of(*loaded.file, diagnostics);
}

void apply_overrides(ParameterValues& base, const ParameterValues& overrides) {
  if (!overrides.is_object()) return;
  for (const json::Member& m : overrides.members()) base.set(m.key, m.value, m.key_offset);
}

}  // namespace cmk::arm
