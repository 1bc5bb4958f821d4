#include "report/baseline.hpp"

#include "arm/input_file.hpp"
#include "report/fingerprint.hpp"

namespace cmk::report {

std::set<std::string> read_baseline(const std::string& path, Diagnostics& diagnostics,
                                    std::uintmax_t max_size) {
  std::set<std::string> out;
  arm::LoadResult loaded = arm::load_file(path, path, max_size);
  for (Diagnostic& d : loaded.diagnostics) diagnostics.push_back(std::move(d));
  if (!loaded.file) return out;
  const json::Value* findings = loaded.file->root.find("findings");
  if (!findings || !findings->is_array()) {
    diagnostics.push_back(Diagnostic{DiagnosticLevel::Error,
                                     path,
                                     0,
                                     0,
                                     "not a cmkguard JSON report (no 'findings' array)",
                                     {}});
    return out;
  }
  for (const json::Value& f : findings->items()) {
    if (const json::Value* fp = f.find("fingerprint"); fp && fp->is_string()) {
      out.insert(fp->as_string());
    }
  }
  return out;
}

void mark_baseline(std::vector<rules::Finding>& findings, const std::set<std::string>& baseline) {
  for (rules::Finding& f : findings) {
    f.in_baseline = f.result != rules::Outcome::Pass && (baseline.count(finding_fingerprint(f)) ||
                                                         baseline.count(legacy_fingerprint(f)));
  }
}

}  // namespace cmk::report
