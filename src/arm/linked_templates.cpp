#include "arm/linked_templates.hpp"

#include <algorithm>
#include <system_error>

namespace cmk::arm {

namespace fs = std::filesystem;

namespace {

// Stand-ins for locations known only at deployment, so that a link built from them reads back
// as a path: the declaring template's own URI (deployment().properties.templateLink.uri) and the
// top-level template's folder (an _artifactsLocation not known). .invalid names never resolve.
constexpr std::string_view kTemplateHost = "https://template.cmkguard.invalid/";
constexpr std::string_view kArtifactsHost = "https://artifacts.cmkguard.invalid/";

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && json::iequals(s.substr(0, prefix.size()), prefix);
}

FilePlace beside(const FilePlace& of, std::string relative) {
  std::replace(relative.begin(), relative.end(), '\\', '/');  // written on Windows
  return {(of.path.parent_path() / relative).lexically_normal(),
          (fs::path(of.display).parent_path() / relative).lexically_normal().generic_string()};
}

// A copy of a scope, and of the scopes it reads names through, in which the stand-ins above
// replace what is not known: the template's own URI, and _artifactsLocation (with an empty SAS
// token) when it is neither given nor defaulted. Evaluating a link there shows which file it
// names however the template spells it: uri(), concat(), a variable holding the URL.
class Probe {
 public:
  expr::TemplateScope& of(expr::TemplateScope& scope, const std::string& file_name) {
    expr::TemplateScope::Options o = scope.options();
    o.deployment.template_link_uri = std::string(kTemplateHost) + file_name;
    if (o.outer) {
      o.outer = &of(*o.outer, file_name);
    } else {
      stand_in(scope, o.parameters, "_artifactsLocation", std::string(kArtifactsHost));
      stand_in(scope, o.parameters, "_artifactsLocationSasToken", "");
    }
    scopes_.push_back(std::make_unique<expr::TemplateScope>(scope.root(), std::move(o)));
    return *scopes_.back();
  }

 private:
  static void stand_in(expr::TemplateScope& scope, json::Value& supplied, const char* name,
                       std::string value) {
    const json::Value* declared = scope.root().find("parameters");
    const json::Value* definition =
        declared && declared->is_object() ? declared->find(name) : nullptr;
    if (!definition) return;
    // A default is evaluated again in the probe: the quickstart default
    // [deployment().properties.templateLink.uri] then gives the template's own stand-in.
    const bool defaulted = definition->is_object() && definition->find("defaultValue");
    if (!supplied.find(name) && defaulted) return;
    if (scope.parameter_value(name).value.is_string()) return;  // known: a real location
    supplied.set(name, json::Value::string(std::move(value)));
  }

  std::vector<std::unique_ptr<expr::TemplateScope>> scopes_;
};

}  // namespace

LinkedTemplates::LinkedTemplates(const InputFile& top, const std::vector<fs::path>& roots,
                                 std::vector<std::shared_ptr<const InputFile>>& owned,
                                 std::uintmax_t max_file_size)
    : top_{top.path, top.source ? top.source->path() : std::string()},
      given_roots_(roots),
      owned_(owned),
      max_file_size_(max_file_size) {}

void LinkedTemplates::resolve_paths() {
  if (paths_resolved_) return;
  paths_resolved_ = true;
  if (top_.path.empty()) return;  // text given in memory: no folder to follow links from
  std::error_code ec;
  const fs::path folder = top_.path.parent_path().empty() ? fs::path(".") : top_.path.parent_path();
  for (const fs::path& root : given_roots_.empty() ? std::vector<fs::path>{folder} : given_roots_) {
    fs::path canonical = fs::canonical(root, ec);
    if (!ec) roots_.push_back(std::move(canonical));
  }
  // Outermost first: links are only followed (and Reading only made) after this runs.
  const fs::path self = fs::canonical(top_.path, ec);
  if (!ec) reading_.insert(reading_.begin(), self.string());
}

LinkedTemplates::Reading::Reading(LinkedTemplates& links, std::string canonical) : links_(links) {
  links_.reading_.push_back(std::move(canonical));
}

LinkedTemplates::Reading::~Reading() { links_.reading_.pop_back(); }

std::optional<LinkedTemplates::Link> LinkedTemplates::resolve(const json::Value& deployment,
                                                              expr::TemplateScope& scope,
                                                              const expr::LoopBindings& loops,
                                                              const FilePlace& from) {
  const json::Value* props = deployment.find("properties");
  const json::Value* link = props && props->is_object() ? props->find("templateLink") : nullptr;
  if (!link) return std::nullopt;
  Link out;
  out.offset = link->offset();
  auto not_followed = [&](std::string why) {
    out.message = std::move(why);
    return out;
  };
  if (!link->is_object()) return not_followed("templateLink is not an object; not followed");
  if (from.path.empty()) {
    return not_followed(
        "the linked template is not followed: the template was not read from a file");
  }
  // Errors in these expressions are reported with the deployment's other properties.
  if (const json::Value* relative = link->find("relativePath")) {
    out.offset = relative->offset();
    const json::Value path = scope.evaluate(*relative, loops).value;
    if (!path.is_string()) {
      return not_followed(
          "templateLink.relativePath is not known before deployment; the linked template is not "
          "followed");
    }
    return follow(beside(from, path.as_string()), /*named_locally=*/true, relative->offset());
  }
  if (const json::Value* uri = link->find("uri")) {
    out.offset = uri->offset();
    std::string why;
    std::optional<FilePlace> place = uri_target(*uri, scope, loops, from, why);
    if (!place) return not_followed(std::move(why));
    return follow(*place, /*named_locally=*/false, uri->offset());
  }
  if (link->find("id")) {
    return not_followed("a template spec (templateLink.id) is not read; not followed");
  }
  return not_followed("templateLink has neither relativePath nor uri; nothing to follow");
}

std::optional<FilePlace> LinkedTemplates::uri_target(const json::Value& uri,
                                                     expr::TemplateScope& scope,
                                                     const expr::LoopBindings& loops,
                                                     const FilePlace& from,
                                                     std::string& why_not) const {
  const json::Value known = scope.evaluate(uri, loops).value;
  if (known.is_string()) {
    // A real URL: whatever it serves may differ from the files here.
    why_not = "linked template '" + known.as_string() + "' is not a local file; not followed";
    return std::nullopt;
  }
  const std::string written = uri.is_string() ? uri.as_string() : json::to_json(uri);
  Probe probe;
  const json::Value probed =
      probe.of(scope, from.path.filename().string()).evaluate(uri, loops).value;
  if (!probed.is_string()) {
    why_not = "templateLink.uri " + written +
              " is not known before deployment; the linked template is not followed";
    return std::nullopt;
  }
  std::string text = probed.as_string();
  text = text.substr(0, text.find_first_of("?#"));  // a SAS token or fragment
  const FilePlace* base = nullptr;
  std::string relative;
  if (istarts_with(text, kTemplateHost)) {
    base = &from;
    relative = text.substr(kTemplateHost.size());
  } else if (istarts_with(text, kArtifactsHost)) {
    base = &top_;
    relative = text.substr(kArtifactsHost.size());
  } else {
    why_not = "templateLink.uri " + written + " does not name a local file; not followed";
    return std::nullopt;
  }
  // concat(_artifactsLocation, '/nested/x.json') doubles the stand-in's final '/'.
  relative.erase(0, relative.find_first_not_of('/'));
  if (relative.empty()) {
    why_not = "templateLink.uri " + written + " names no file; not followed";
    return std::nullopt;
  }
  return beside(*base, relative);
}

LinkedTemplates::Link LinkedTemplates::follow(const FilePlace& place, bool named_locally,
                                              uint32_t offset) {
  Link out;
  out.offset = offset;
  const std::string name = "linked template '" + place.display + "'";
  auto fail = [&](Link::State state, std::string why) {
    out.state = state;
    out.message = name + " " + std::move(why);
    return out;
  };
  resolve_paths();
  std::error_code ec;
  if (!fs::is_regular_file(place.path, ec)) {
    // A relativePath means a file here; a URL may name one that is published elsewhere.
    return named_locally ? fail(Link::State::Failed, "cannot be read: no such file")
                         : fail(Link::State::NotFollowed, "is not a local file; not followed");
  }
  const fs::path canonical = fs::canonical(place.path, ec);
  if (ec) return fail(Link::State::Failed, "cannot be read: " + ec.message());
  const bool inside = std::any_of(roots_.begin(), roots_.end(), [&](const fs::path& root) {
    const fs::path rel = canonical.lexically_relative(root);
    return !rel.empty() && *rel.begin() != "..";
  });
  if (!inside)
    return fail(Link::State::NotFollowed, "is outside the scanned folders; not followed");
  const std::string key = canonical.string();
  if (std::find(reading_.begin(), reading_.end(), key) != reading_.end()) {
    return fail(Link::State::Failed,
                "links back to a template that links to it (a cycle); not followed again");
  }
  if (reading_.size() > static_cast<size_t>(kMaxNesting)) {
    return fail(Link::State::Failed,
                "is nested deeper than " + std::to_string(kMaxNesting) + " levels; not analysed");
  }
  const Loaded& loaded = load(place, key);
  if (!loaded.file) return fail(Link::State::Failed, loaded.error);
  out.state = Link::State::Followed;
  out.file = loaded.file.get();
  out.place = {place.path, loaded.file->source->path()};
  out.canonical = key;
  return out;
}

const LinkedTemplates::Loaded& LinkedTemplates::load(const FilePlace& place,
                                                     const std::string& canonical) {
  if (auto it = cache_.find(canonical); it != cache_.end()) return it->second;
  Loaded entry;
  LoadResult r = load_file(place.path, place.display, max_file_size_);
  if (!r.file) {
    entry.error = "cannot be read";
    for (const Diagnostic& d : r.diagnostics) {
      if (d.level != DiagnosticLevel::Error) continue;
      if (d.line > 0) {
        entry.error = "cannot be parsed (" + std::to_string(d.line) + ":" +
                      std::to_string(d.column) + ": " + d.message + ")";
      } else {
        entry.error = "cannot be read (" + d.message + ")";  // e.g. over --max-file-size
      }
      break;
    }
  } else if (r.file->kind != FileKind::Template) {
    entry.error = "is not an ARM template ($schema is no deploymentTemplate); not followed";
  } else {
    entry.file = std::make_shared<const InputFile>(std::move(*r.file));
    owned_.push_back(entry.file);
  }
  return cache_.emplace(canonical, std::move(entry)).first->second;
}

}  // namespace cmk::arm
