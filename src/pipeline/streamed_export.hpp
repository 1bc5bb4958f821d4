#pragma once
// A large live export read resource by resource (json::ResourceSplitter), so that a tenant-wide
// export is never held whole: each resource is parsed, modelled and, when its rules read no
// links, judged on its own and let go. What links may need (key vaults, keys, identities,
// grants, AI accounts, and accounts naming a vault) is kept as the file's model, judged as a
// whole file's would be. Reports are those of reading the file whole.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "arm/resource.hpp"
#include "json/value.hpp"
#include "pipeline/prepared_input.hpp"
#include "rules/rule.hpp"

namespace cmk::pipeline {

// Whether `path` is read through stream_export: a regular file of at least
// `options.stream_from` bytes, not standard input nor Bicep.
bool should_stream(const std::filesystem::path& path, const InputOptions& options);

// Reads `path` as a streamed live export. Its PreparedInput holds the kept resources as `model`
// and the rest in `streamed`; `each` sees every resource, in file order, while it is alive
// (--explain-values), on the calling thread; when `each` is empty, a resource no link needs is
// let go on the thread that judged it. Resources are parsed, modelled and judged on
// `threads` threads (the calling one among them); what comes out does not depend on how many.
// Returns null when the file is not a list of exported resources that can be cut (another kind of
// JSON, a syntax error around the list, a resource over the size limit): it is then read whole, as
// any file, which reports what is wrong with it.
std::unique_ptr<PreparedInput> stream_export(const std::filesystem::path& path,
                                             const std::vector<rules::Rule>& rules,
                                             const InputOptions& options, const json::Value& given,
                                             unsigned threads,
                                             const std::function<void(const arm::Resource&)>& each);

}  // namespace cmk::pipeline
