#include "pipeline/streamed_export.hpp"

#include <chrono>
#include <fstream>
#include <optional>

#include "arm/template_model.hpp"
#include "json/reader.hpp"
#include "json/resource_splitter.hpp"
#include "rules/engine.hpp"
#include "rules/estate.hpp"

namespace cmk::pipeline {

namespace fs = std::filesystem;

bool should_stream(const fs::path& path, const InputOptions& options) {
  if (path == "-" || json::to_lower(path.extension().string()) == ".bicep") return false;
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);  // fails unless a regular file
  return !ec && size >= options.stream_from;
}

namespace {

// Whether a resource is judged with the file's other link-relevant resources rather than alone:
// links may reach it, its links may reach others, a rule on it relates it to other resources,
// or a rule's relation may find it.
bool kept(const arm::Model& unit, const std::vector<rules::Rule>& rules) {
  for (const arm::Resource& r : unit.resources) {
    if (rules::is_link_target(r.type)) return true;
    for (const rules::Rule& rule : rules) {
      if (rule.applies_to_type(r.type) && !rule.relations.empty()) return true;
      for (const rules::Relation& rel : rule.relations) {
        for (const std::string& t : rel.types) {
          if (json::iequals(t, r.type)) return true;
        }
      }
    }
  }
  return rules::needs_estate(unit, rules);
}

class Reader {
 public:
  Reader(const fs::path& path, const std::vector<rules::Rule>& rules, const InputOptions& options,
         const json::Value& given, const std::function<void(const arm::Resource&)>& each,
         PreparedInput& out)
      : rules_(rules), each_(each), out_(out) {
    model_ = model_options_for(path, out.absolute, arm::FileKind::LiveResources, options, given,
                               out.diagnostics);
    // One clock reading for the whole file, as a file read whole has.
    if (!model_.now) {
      model_.now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
    }
    out_.model = arm::build_model(arm::InputFile{}, model_);  // no resources yet: the context
    out_.streamed.emplace();
  }

  // Parses, models and judges or keeps one resource; false when the file cannot be read this
  // way (then it is read whole) or has a syntax error (in out_.diagnostics).
  bool take(const json::ResourcePiece& piece) {
    auto part = std::make_shared<arm::InputFile>();
    part->kind = arm::FileKind::LiveResources;
    auto source = std::make_shared<const json::SourceText>(piece.source(out_.display));
    json::ParseResult parsed = json::parse(*source, piece.parse_from);
    for (Diagnostic& d : parsed.diagnostics) out_.diagnostics.push_back(std::move(d));
    if (!parsed.root) {
      syntax_error_ = true;
      return false;
    }
    if (!arm::is_live_resource(*parsed.root)) return false;  // not a live export: read whole
    part->root = std::move(*parsed.root);
    part->source = std::move(source);
    // Without a path: a live export links no templates, so no folder is looked up per resource.
    arm::Model unit = arm::build_model(*part, model_, out_.model.context);
    StreamedResources& s = *out_.streamed;
    s.count += unit.resources.size();
    for (const arm::Resource& r : unit.resources) each_(r);
    for (Diagnostic& d : unit.diagnostics) out_.model.diagnostics.push_back(std::move(d));
    for (rules::Suppression& sup : rules::inline_suppressions(*part->source)) {
      s.in_source.push_back(std::move(sup));
    }
    if (kept(unit, rules_)) {
      for (arm::Resource& r : unit.resources) out_.model.resources.push_back(std::move(r));
      s.parts.push_back(std::move(part));
    } else {
      for (rules::Finding& f : rules::run_rules(rules_, unit, nullptr)) {
        s.judged.push_back(std::move(f));
      }
    }
    return true;
  }

  bool syntax_error() const { return syntax_error_; }

 private:
  const std::vector<rules::Rule>& rules_;
  const std::function<void(const arm::Resource&)>& each_;
  PreparedInput& out_;
  arm::ModelOptions model_;
  bool syntax_error_ = false;
};

}  // namespace

std::unique_ptr<PreparedInput> stream_export(
    const fs::path& path, const std::vector<rules::Rule>& rules, const InputOptions& options,
    const json::Value& given, const std::function<void(const arm::Resource&)>& each) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  auto out = std::make_unique<PreparedInput>();
  out->display = input_display_name(path);
  out->absolute = input_absolute_name(path);
  Reader reader(path, rules, options, given, each, *out);
  json::ResourceSplitter splitter(options.inputs.max_file_size);
  std::vector<json::ResourcePiece> pieces;
  std::string chunk(1 << 20, '\0');
  bool ok = true;
  while (ok && in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    ok = splitter.feed(std::string_view(chunk.data(), got), pieces);
    for (const json::ResourcePiece& p : pieces) {
      if (!reader.take(p)) {
        ok = false;
        break;
      }
    }
    pieces.clear();
  }
  if (reader.syntax_error()) {
    // As a file read whole with a syntax error: no model, only the diagnostics.
    out->model = arm::Model{};
    out->streamed.reset();
    return out;
  }
  if (!ok || in.bad() || !splitter.finish()) return nullptr;
  // An object that is itself a resource, or a template or parameters file, is not a wrapper.
  if (const std::optional<json::Value>& w = splitter.wrapper();
      w && (w->find("$schema") || arm::is_live_resource(*w))) {
    return nullptr;
  }
  arm::InputFile file;
  file.kind = arm::FileKind::LiveResources;
  file.path = path;
  file.source = std::make_shared<const json::SourceText>(out->display, std::string());
  out->loaded.file = std::move(file);
  return out;
}

}  // namespace cmk::pipeline
