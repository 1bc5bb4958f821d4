// Full scan of the shared corpus against a bare simdjson parse of the same bytes.
// usage: scan_bench [CORPUS_DIR] [REPEATS]
// All files are read into memory first, so both sides measure parsing and analysis, not I/O.

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "arm/input_file.hpp"
#include "arm/template_model.hpp"
#include "json/reader.hpp"
#include "rules/engine.hpp"
#include "rules/rule_loader.hpp"
#include "util/file_text.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {
double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Visits every value of a document with simdjson's on-demand parser, as the strict reader does,
// unescaping every key and string and building nothing: the floor of any tree built that way.
bool visit(simdjson::ondemand::value v, size_t& values) {
  namespace od = simdjson::ondemand;
  od::json_type type{};
  if (v.type().get(type)) return false;
  ++values;
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if (v.get_object().get(object)) return false;
      for (auto member : object) {
        od::field field;
        std::string_view key;
        if (std::move(member).get(field) || field.unescaped_key().get(key)) return false;
        if (!visit(field.value(), values)) return false;
      }
      return true;
    }
    case od::json_type::array: {
      od::array array;
      if (v.get_array().get(array)) return false;
      for (auto element : array) {
        od::value item;
        if (std::move(element).get(item) || !visit(item, values)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view text;
      return !v.get_string().get(text);
    }
    case od::json_type::number: {
      double d = 0;
      return !v.get_double().get(d);
    }
    case od::json_type::boolean: {
      bool b = false;
      return !v.get_bool().get(b);
    }
    case od::json_type::null: {
      bool null = false;
      return !v.is_null().get(null) && null;
    }
  }
  return false;
}
}  // namespace

int main(int argc, char** argv) {
  const fs::path corpus = argc > 1 ? fs::path(argv[1]) : fs::path(CMKGUARD_SHARED_DIR) / "corpus";
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::vector<std::pair<std::string, std::string>> files;
  size_t bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    cmk::FileText read = cmk::read_file_text(e.path());
    if (!read.text) continue;
    bytes += read.text->size();
    files.emplace_back(e.path().string(), std::move(*read.text));
  }
  std::sort(files.begin(), files.end());
  const auto rules = cmk::rules::builtin_rules();

  std::vector<simdjson::padded_string> padded;
  for (const auto& f : files) padded.emplace_back(f.second);

  double best_simd = 1e9, best_walk = 1e9, best_parse = 1e9, best_scan = 1e9;
  size_t simd_ok = 0, walked = 0, values = 0, parsed = 0, resources = 0, findings = 0;
  std::map<cmk::rules::Outcome, size_t> outcomes;
  std::map<std::string, size_t> unknown_reasons;
  for (int r = 0; r < repeats; ++r) {
    simdjson::dom::parser parser;
    auto t = Clock::now();
    simd_ok = 0;
    for (const auto& p : padded) {
      simdjson::dom::element doc;
      if (!parser.parse(p).get(doc)) ++simd_ok;
    }
    best_simd = std::min(best_simd, seconds_since(t));

    simdjson::ondemand::parser od_parser;
    t = Clock::now();
    walked = values = 0;
    for (const auto& p : padded) {
      simdjson::ondemand::document doc;
      simdjson::ondemand::value root;
      if (od_parser.iterate(p).get(doc) || doc.get_value().get(root)) continue;
      walked += visit(root, values);
    }
    best_walk = std::min(best_walk, seconds_since(t));

    t = Clock::now();
    parsed = 0;
    for (const auto& f : files) {
      parsed += cmk::json::parse(cmk::json::SourceText(f.first, f.second)).root.has_value();
    }
    best_parse = std::min(best_parse, seconds_since(t));

    t = Clock::now();
    resources = findings = 0;
    outcomes.clear();
    unknown_reasons.clear();
    for (const auto& f : files) {
      cmk::arm::LoadResult loaded = cmk::arm::load_text(f.first, f.second);
      if (!loaded.file) continue;
      const cmk::arm::Model model = cmk::arm::build_model(*loaded.file);
      resources += model.resources.size();
      for (const auto& finding : cmk::rules::run_rules(rules.rules, model)) {
        ++findings;
        ++outcomes[finding.result];
        if (finding.result == cmk::rules::Outcome::Unknown) {
          // Group by the reason's shape: quoted names vary, the cause does not.
          std::string shape;
          bool quoted = false;
          for (char c : finding.unknown_reason) {
            if (c == '\'') {
              if (!quoted) shape += "'…'";
              quoted = !quoted;
            } else if (!quoted) {
              shape += c;
            }
          }
          ++unknown_reasons[shape];
        }
      }
    }
    best_scan = std::min(best_scan, seconds_since(t));
  }
  std::printf("corpus: %zu files, %.1f MB\n", files.size(), bytes / 1e6);
  std::printf("simdjson DOM parse : %8.3f s  (%zu files strict JSON)\n", best_simd, simd_ok);
  std::printf("on-demand walk     : %8.3f s  (%zu files, %zu values)  %.2fx simdjson\n", best_walk,
              walked, values, best_walk / best_simd);
  std::printf("cmkguard JSON parse: %8.3f s  (%zu files)  %.2fx simdjson\n", best_parse, parsed,
              best_parse / best_simd);
  std::printf("cmkguard full scan : %8.3f s  (%zu resources, %zu results)  %.2fx simdjson\n",
              best_scan, resources, findings, best_scan / best_simd);
  std::printf("best of %d runs\n", repeats);
  std::printf("rule evaluations: %zu pass, %zu fail, %zu unknown (%.1f%% unknown)\n",
              outcomes[cmk::rules::Outcome::Pass], outcomes[cmk::rules::Outcome::Fail],
              outcomes[cmk::rules::Outcome::Unknown],
              findings ? 100.0 * outcomes[cmk::rules::Outcome::Unknown] / findings : 0.0);
  for (const auto& [reason, n] : unknown_reasons) std::printf("  %5zu  %s\n", n, reason.c_str());
  return 0;
}
