#pragma once
// Linked templates: a Microsoft.Resources/deployments resource whose properties.templateLink
// names a template file instead of carrying one inline. Followed when that file is local: a
// relativePath (relative to the file that declares the deployment), or a uri built from the
// template's own location or from _artifactsLocation, as Azure quickstarts lay them out (the
// top-level template beside nested/). Each file is loaded once per model and owned by it.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arm/expr/template_scope.hpp"
#include "arm/input_file.hpp"

namespace cmk::arm {

// Nested and linked deployments deeper than this are not followed (Azure allows 64 templates in
// all).
inline constexpr int kMaxNesting = 16;

// A template file as read (`path`) and as diagnostics name it (`display`). Links in a template
// are resolved from the file it is written in.
struct FilePlace {
  std::filesystem::path path;
  std::string display;
};

// Not thread-safe; used while one model is built.
class LinkedTemplates {
 public:
  // `top` is the top-level template, read while this object lives; an unknown _artifactsLocation
  // stands for its directory. Links lead only to files under one of `roots` (the top template's
  // directory when empty), which must outlive this object. Loaded files are appended to `owned`,
  // which must outlive this object and the links it gives.
  LinkedTemplates(const InputFile& top, const std::vector<std::filesystem::path>& roots,
                  std::vector<std::shared_ptr<const InputFile>>& owned,
                  std::uintmax_t max_file_size = kDefaultMaxFileSize);
  LinkedTemplates(const LinkedTemplates&) = delete;
  LinkedTemplates& operator=(const LinkedTemplates&) = delete;

  struct Link {
    enum class State {
      Followed,
      NotFollowed,  // not a local file, or not known before deployment: worth a note
      Failed,       // names a local file that cannot be used: worth a warning
    };
    State state = State::NotFollowed;
    const InputFile* file = nullptr;    // Followed: owned by the model
    FilePlace place;                    // Followed: where the linked template's own links start
    std::string canonical;              // Followed: the file's canonical path, for Reading
    std::string message;                // otherwise: why
    uint32_t offset = json::kNoOffset;  // the templateLink value the link is read from
  };

  // The deployment's properties.templateLink, evaluated in the declaring template's `scope` with
  // `loops`; `from` is the file that template is written in. nullopt when the deployment has no
  // templateLink. A file already being read (a cycle) or past the nesting limit fails.
  std::optional<Link> resolve(const json::Value& deployment, expr::TemplateScope& scope,
                              const expr::LoopBindings& loops, const FilePlace& from);

  const FilePlace& top() const { return top_; }

  // Marks a template file as being read while it lives: a link back to it is a cycle.
  class Reading {
   public:
    Reading(LinkedTemplates& links, std::string canonical);
    ~Reading();
    Reading(const Reading&) = delete;
    Reading& operator=(const Reading&) = delete;

   private:
    LinkedTemplates& links_;
  };

 private:
  struct Loaded {
    std::shared_ptr<const InputFile> file;  // null when it cannot be used
    std::string error;
  };
  Link follow(const FilePlace& place, bool named_locally, uint32_t offset);
  std::optional<FilePlace> uri_target(const json::Value& uri, expr::TemplateScope& scope,
                                      const expr::LoopBindings& loops, const FilePlace& from,
                                      std::string& why_not) const;
  const Loaded& load(const FilePlace& place, const std::string& canonical);
  // Resolves the roots and the top template's path on the first link followed: most templates
  // link nothing, and resolving a path costs a system call per folder in it.
  void resolve_paths();

  FilePlace top_;
  // Not copied: a model is built for every resource of a streamed export.
  const std::vector<std::filesystem::path>& given_roots_;
  bool paths_resolved_ = false;
  std::vector<std::filesystem::path> roots_;  // canonical
  std::vector<std::shared_ptr<const InputFile>>& owned_;
  std::uintmax_t max_file_size_;
  std::map<std::string, Loaded> cache_;  // by canonical path
  std::vector<std::string> reading_;     // canonical paths, outermost first
};

}  // namespace cmk::arm
