#pragma once
// The size a YAML document stands for once every alias is expanded. yaml-cpp keeps an alias as
// a second handle on its anchor's node, so a small file can stand for gigabytes ("billion
// laughs", or 20k aliases of one 1 MB scalar), and any code that copies values out of the tree
// builds all of them. Rule files and configuration files are measured before they are read.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>

namespace cmk::rules {

// Default limit on a rule, conditions or configuration file's size with its aliases expanded.
inline constexpr uint64_t kMaxExpandedYamlBytes = uint64_t{16} << 20;

struct YamlOversize {
  YAML::Mark mark;  // where the limit was passed (for an alias, the node its anchor names)
  std::string message;
};

// Walks `root` as if every alias were a copy (each scalar costs its length, each node a little
// more) and stops as soon as `max_bytes` is passed; nullopt when the document fits.
std::optional<YamlOversize> find_oversize(const YAML::Node& root,
                                          uint64_t max_bytes = kMaxExpandedYamlBytes);

}  // namespace cmk::rules
