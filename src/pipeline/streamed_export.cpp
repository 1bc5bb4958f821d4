#include "pipeline/streamed_export.hpp"

#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>

#include "arm/template_model.hpp"
#include "json/reader.hpp"
#include "json/resource_splitter.hpp"
#include "rules/engine.hpp"
#include "rules/estate.hpp"
#include "util/ordered_parallel.hpp"

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

// What one resource of the export gives: made on any thread, taken in file order.
struct Piece {
  Diagnostics parsing;  // the JSON reader's, of this resource's text
  enum class Read { Resource, SyntaxError, NotLive } read = Read::Resource;
  std::shared_ptr<arm::InputFile> part;
  arm::Model unit;
  size_t resources = 0;  // in the unit, though let go
  std::vector<rules::Suppression> suppressions;
  bool kept = false;
  std::vector<rules::Finding> judged;  // when not kept
};

// The resources of one read of the file, a batch at a time: a resource is a few microseconds of
// work, too little to hand from thread to thread on its own. A batch ends at 64 resources or 1 MiB
// of their text, so the few batches in flight hold no more than a few MiB of text (and their
// trees) whatever the size of the resources.
using Batch = std::vector<json::ResourcePiece>;
constexpr size_t kBatch = 64;
constexpr size_t kBatchBytes = size_t{1} << 20;

// The file's bytes cut into resources, a batch at a time (called by one thread at a time).
class Pieces {
 public:
  Pieces(std::ifstream& in, size_t max_piece) : in_(in), splitter_(max_piece) {}

  std::optional<Batch> next() {
    Batch batch;
    size_t bytes = 0;
    while (batch.size() < kBatch && bytes < kBatchBytes &&
           !stopped_.load(std::memory_order_relaxed)) {
      if (at_ == cut_.size()) {
        cut_.clear();
        at_ = 0;
        if (!read()) break;
        continue;
      }
      bytes += cut_[at_].text.size();
      batch.push_back(std::move(cut_[at_++]));
    }
    if (batch.empty()) return std::nullopt;
    return batch;
  }

  // Stops cutting: a resource read so far cannot be taken. Any thread may call it.
  void stop() { stopped_.store(true, std::memory_order_relaxed); }
  // After the last batch: whether the whole file was cut into resources.
  bool cut_whole() { return ok_ && !in_.bad() && splitter_.finish(); }
  const json::ResourceSplitter& splitter() const { return splitter_; }

 private:
  // Feeds the splitter the next chunk of the file; false at its end or an error.
  bool read() {
    if (!ok_ || !in_) return false;
    in_.read(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
    const auto got = static_cast<size_t>(in_.gcount());
    if (got == 0) return false;
    ok_ = splitter_.feed(std::string_view(chunk_.data(), got), cut_);
    return true;
  }

  std::ifstream& in_;
  json::ResourceSplitter splitter_;
  std::string chunk_ = std::string(1 << 20, '\0');
  std::vector<json::ResourcePiece> cut_;
  size_t at_ = 0;
  bool ok_ = true;
  std::atomic<bool> stopped_ = false;
};

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

  // Parses, models and, unless it is kept, judges one resource. Reads only what no thread
  // writes while the file is read, so several threads may make pieces at once.
  Piece make(const json::ResourcePiece& piece) const {
    Piece made;
    auto source = std::make_shared<const json::SourceText>(piece.source(out_.display));
    json::ParseResult parsed = json::parse(*source, piece.parse_from);
    made.parsing = std::move(parsed.diagnostics);
    if (!parsed.root) {
      made.read = Piece::Read::SyntaxError;
      return made;
    }
    if (!arm::is_live_resource(*parsed.root)) {
      made.read = Piece::Read::NotLive;
      return made;
    }
    made.part = std::make_shared<arm::InputFile>();
    made.part->kind = arm::FileKind::LiveResources;
    made.part->root = std::move(*parsed.root);
    made.part->source = std::move(source);
    // Without a path: a live export links no templates, so no folder is looked up per resource.
    made.unit = arm::build_model(*made.part, model_, out_.model.context);
    made.suppressions = rules::inline_suppressions(*made.part->source);
    made.resources = made.unit.resources.size();
    made.kept = kept(made.unit, rules_);
    if (made.kept) return made;
    made.judged = rules::run_rules(rules_, made.unit, nullptr);
    if (!each_) {
      // Let go here, on the thread that made it, not on the one taking the pieces in order.
      made.unit.resources = {};
      made.part.reset();
    }
    return made;
  }

  // Takes one made resource, in file order; false when the file cannot be read this way (then
  // it is read whole) or has a syntax error (in out_.diagnostics).
  bool take(Piece& made) {
    for (Diagnostic& d : made.parsing) out_.diagnostics.push_back(std::move(d));
    if (made.read == Piece::Read::SyntaxError) syntax_error_ = true;
    if (made.read != Piece::Read::Resource) return false;
    StreamedResources& s = *out_.streamed;
    s.count += made.resources;
    if (each_) {
      for (const arm::Resource& r : made.unit.resources) each_(r);
    }
    for (Diagnostic& d : made.unit.diagnostics) out_.model.diagnostics.push_back(std::move(d));
    for (rules::Suppression& sup : made.suppressions) s.in_source.push_back(std::move(sup));
    if (made.kept) {
      for (arm::Resource& r : made.unit.resources) out_.model.resources.push_back(std::move(r));
      s.parts.push_back(std::move(made.part));
    } else {
      for (rules::Finding& f : made.judged) s.judged.push_back(std::move(f));
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
    const json::Value& given, unsigned threads,
    const std::function<void(const arm::Resource&)>& each) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  auto out = std::make_unique<PreparedInput>();
  out->display = input_display_name(path);
  out->absolute = input_absolute_name(path);
  Reader reader(path, rules, options, given, each, *out);
  Pieces pieces(in, options.inputs.max_file_size);
  // Cut on one thread at a time, made on `threads`, taken in file order: the same as reading
  // them one by one, up to the first resource that stops the reading.
  bool taking = true;
  auto make = [&](size_t, const Batch& batch) {
    std::vector<Piece> made;
    made.reserve(batch.size());
    for (const json::ResourcePiece& p : batch) made.push_back(reader.make(p));
    return made;
  };
  auto take = [&](size_t, std::vector<Piece>& made) {
    for (Piece& m : made) {
      if (!taking) return;
      if (!reader.take(m)) {
        taking = false;
        pieces.stop();
      }
    }
  };
  ordered_parallel_from<std::vector<Piece>>([&] { return pieces.next(); }, threads, make, take);
  const bool ok = taking;
  if (reader.syntax_error()) {
    // As a file read whole with a syntax error: no model, only the diagnostics.
    out->model = arm::Model{};
    out->streamed.reset();
    return out;
  }
  if (!ok || !pieces.cut_whole()) return nullptr;
  // An object that is itself a resource, or a template or parameters file, is not a wrapper.
  if (const std::optional<json::Value>& w = pieces.splitter().wrapper();
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
