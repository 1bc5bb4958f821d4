#include "arm/input_walk.hpp"

#include <algorithm>

#include "json/value.hpp"
#include "util/file_text.hpp"

namespace cmk::arm {

namespace fs = std::filesystem;

std::error_code list_directory(const fs::path& dir, std::vector<fs::directory_entry>& entries) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(*it);
  }
  return ec;
}

std::vector<std::string> default_skip_directories() {
  return {".git",       ".hg",   ".svn", ".bzr",       "node_modules",
          ".terraform", ".venv", ".tox", "__pycache__"};
}

namespace {

bool is_input_name(const fs::path& p) {
  const std::string ext = json::to_lower(p.extension().string());
  return ext == ".json" || ext == ".jsonc" || ext == ".bicep";
}

Diagnostic note(const fs::path& p, std::string message) {
  return Diagnostic{
      DiagnosticLevel::Note, p.lexically_normal().generic_string(), 0, 0, std::move(message), {}};
}

}  // namespace

InputWalk::InputWalk(std::vector<std::string> paths, ListDirectory list,
                     std::vector<std::string> skip)
    : paths_(std::move(paths)), list_(std::move(list)), skip_(std::move(skip)) {}

// Walks by hand rather than with recursive_directory_iterator, which can only skip a folder it
// cannot open (skip_permission_denied) or stop the whole walk: a folder left out silently would
// let its templates go unchecked, so it is an error naming it.
void InputWalk::enter(const fs::path& dir, Diagnostics& diagnostics) {
  Folder folder;
  if (const std::error_code ec = list_(dir, folder.entries)) {
    diagnostics.push_back(Diagnostic{DiagnosticLevel::Error,
                                     dir.lexically_normal().generic_string(),
                                     0,
                                     0,
                                     "cannot read directory: " + ec.message(),
                                     {}});
  }
  // Sorted by name, depth first: the order of the inputs' full paths.
  std::sort(folder.entries.begin(), folder.entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename().native() < b.path().filename().native();
            });
  folders_.push_back(std::move(folder));
}

std::optional<fs::path> InputWalk::next(Diagnostics& diagnostics) {
  for (;;) {
    if (folders_.empty()) {
      last_folder_ = nullptr;
      if (next_path_ == paths_.size()) return std::nullopt;
      const std::string& arg = paths_[next_path_++];
      if (arg == "-") return fs::path(arg);  // standard input, read by the caller
      std::error_code ec;
      const fs::path p(arg);
      const fs::file_status st = fs::status(p, ec);
      if (ec || !fs::exists(st)) {
        diagnostics.push_back(
            Diagnostic{DiagnosticLevel::Error, arg, 0, 0, "no such file or directory", {}});
        continue;
      }
      // A special file named directly is reported when read (load_file), with its kind.
      if (!fs::is_directory(st)) return p;
      enter(p, diagnostics);
      continue;
    }
    Folder& folder = folders_.back();
    if (folder.next == folder.entries.size()) {
      folders_.pop_back();
      continue;
    }
    const fs::directory_entry& entry = folder.entries[folder.next++];
    std::error_code ec;
    const fs::path& p = entry.path();
    // Symbolic links to folders are not followed (as before), which also keeps cycles out.
    // The listing's file types are used where it has them (no system call per entry).
    const bool link = entry.is_symlink(ec);
    if (!link && entry.is_directory(ec)) {
      // Other dot folders (.azure, .github, .test) may well hold templates: only the named
      // tool and version-control folders are left out, and the note lists them (--verbose).
      if (std::find(skip_.begin(), skip_.end(), p.filename().string()) == skip_.end()) {
        enter(p, diagnostics);  // `folder` is not used again: enter() may move it
      } else {
        diagnostics.push_back(note(p,
                                   "skipped folder: a tool or version-control folder "
                                   "(skipDirectories in the configuration; --no-skip-dirs)"));
      }
      continue;
    }
    if (!is_input_name(p)) continue;
    const fs::file_status st = !link && entry.is_regular_file(ec)
                                   ? fs::file_status(fs::file_type::regular)
                                   : entry.status(ec);
    if (fs::is_regular_file(st)) {
      last_folder_ = &folder;
      return p;
    }
    if (fs::exists(st)) {
      diagnostics.push_back(note(p, "skipped: " + special_file_kind(st) + ", not a regular file"));
    }
  }
}

bool InputWalk::beside_last(const fs::path& name) const {
  if (!last_folder_) return false;
  return std::any_of(
      last_folder_->entries.begin(), last_folder_->entries.end(),
      [&](const fs::directory_entry& e) { return e.path().filename() == name.filename(); });
}

std::vector<fs::path> collect_inputs(const std::vector<std::string>& paths,
                                     Diagnostics& diagnostics, const ListDirectory& list,
                                     const std::vector<std::string>& skip) {
  InputWalk walk(paths, list, skip);
  std::vector<fs::path> out;
  while (std::optional<fs::path> p = walk.next(diagnostics)) out.push_back(std::move(*p));
  return out;
}

}  // namespace cmk::arm
