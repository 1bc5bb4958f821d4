#include "rules/yaml_budget.hpp"

#include <yaml-cpp/yaml.h>

#include <vector>

namespace cmk::rules {

std::optional<YamlOversize> find_oversize(const YAML::Node& root, uint64_t max_bytes) {
  // A node's own cost beyond its text: what a copy of it costs at least, and what keeps a
  // sequence of a million empty aliases from counting as nothing.
  constexpr uint64_t kNodeCost = 16;
  uint64_t total = 0;
  // Iterative: a deeply nested document must not recurse deeply here.
  std::vector<YAML::Node> pending{root};
  while (!pending.empty()) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    total += kNodeCost;
    if (node.IsScalar()) total += node.Scalar().size();
    if (total > max_bytes) {
      return YamlOversize{node.Mark(),
                          "the document is larger than " + std::to_string(max_bytes >> 20) +
                              " MiB with its aliases expanded (an alias of a large value used "
                              "too often?)"};
    }
    if (node.IsSequence()) {
      for (const YAML::Node& item : node) pending.push_back(item);
    } else if (node.IsMap()) {
      for (const auto& kv : node) {
        pending.push_back(kv.first);
        pending.push_back(kv.second);
      }
    }
  }
  return std::nullopt;
}

}  // namespace cmk::rules
