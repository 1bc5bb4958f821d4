#pragma once
// The first half of the pipeline, for one input: read it (a file, standard input or a compiled
// Bicep file), classify it, and model a template or an export with its template inputs. Scan, the
// fixture runner and verify all take their inputs through here, so one file reads and evaluates
// the same whichever command is given it.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arm/input_file.hpp"
#include "arm/template_inputs.hpp"
#include "arm/template_model.hpp"
#include "json/diagnostic.hpp"
#include "json/value.hpp"
#include "rules/config.hpp"
#include "rules/finding.hpp"
#include "rules/suppression.hpp"

namespace cmk::pipeline {

// How standard input ("-") is shown in reports.
inline constexpr const char* kStdinName = "<stdin>";

// Live exports from this size on are read resource by resource (streamed_export.hpp): big enough
// that any template or ordinary export is read whole, small enough that memory stays bounded.
inline constexpr std::uintmax_t kStreamExportsFrom = 8ull * 1024 * 1024;

// How every input of a run is read and modelled.
struct InputOptions {
  arm::TemplateInputs inputs;  // parameter values and deployment context
  // Files that go to another deployment than the shared context (the first match applies).
  std::vector<rules::DeploymentMapping> deployments;
  // Folders linked templates may be read from; the template's own folder when empty.
  std::vector<std::filesystem::path> link_roots;
  // The text of the path "-" (standard input), read by the caller; shown as <stdin>.
  std::optional<std::string> stdin_text;
  // Compile .bicep inputs with `bicep build` (or `az bicep build`); otherwise each is a warning.
  bool compile_bicep = false;
  // Live exports of this many bytes or more are read resource by resource (streamed_export.hpp);
  // resources up to TemplateInputs::max_file_size bytes each, whatever the file's size.
  std::uintmax_t stream_from = kStreamExportsFrom;
};

// What a streamed live export (streamed_export.hpp) keeps besides its model: the resources
// judged one by one as it was read.
struct StreamedResources {
  size_t count = 0;                           // resources read, kept or not
  std::vector<rules::Finding> judged;         // not yet suppressed
  std::vector<rules::Suppression> in_source;  // its cmkguard-ignore comments, in file order
  // The parts of the file the model's resources point into.
  std::vector<std::shared_ptr<const arm::InputFile>> parts;
};

struct PreparedInput {
  std::string display;      // as reports show it: input_display_name()
  std::string absolute;     // absolute and normalised, what globs match; the display name for "-"
  arm::LoadResult loaded;   // its diagnostics moved to `diagnostics`
  Diagnostics diagnostics;  // reading the file and its parameters, in that order
  arm::Model model;         // built when modelled()
  // Set for a live export read resource by resource: `model` holds only the resources links
  // may reach, the rest were judged as read.
  std::optional<StreamedResources> streamed;

  // A template or exported resources: the kinds that have a model and are judged.
  bool modelled() const;
};

// `path` shown as in reports: "<stdin>" for "-", else normalised with '/' separators.
std::string input_display_name(const std::filesystem::path& path);

// The absolute, normalised form of `path` that globs match ("<stdin>" for "-").
std::string input_absolute_name(const std::filesystem::path& path);

// Loads one input: "-" from InputOptions::stdin_text; a .bicep file compiled (compile_bicep) or
// left out with a warning saying how to compile it; anything else read as JSON, up to
// TemplateInputs::max_file_size bytes.
arm::LoadResult load_input(const std::filesystem::path& path, const std::string& display,
                           const InputOptions& options);

// The model options for one input: the template inputs (the template's paired parameters file,
// then `given`, then the overrides) and the deployment context of the first mapping whose files
// match `absolute`.
arm::ModelOptions model_options_for(const std::filesystem::path& path, const std::string& absolute,
                                    arm::FileKind kind, const InputOptions& options,
                                    const json::Value& given, Diagnostics& diagnostics);

// Loads `path` and, when it is a template or exported resources, builds its model. `given` is
// arm::given_parameter_values(options.inputs), read once per run. On the heap, and not to be
// moved from: the model points into the file's tree.
std::unique_ptr<PreparedInput> prepare_input(const std::filesystem::path& path,
                                             const InputOptions& options, const json::Value& given);

}  // namespace cmk::pipeline
