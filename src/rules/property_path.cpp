#include "rules/property_path.hpp"

#include <charconv>

namespace cmk::rules {

std::optional<PropertyPath> parse_path(const std::string& text, std::string& error) {
  PropertyPath path{text, {}};
  size_t i = 0;
  auto fail = [&](const std::string& why) -> std::optional<PropertyPath> {
    error = "invalid path '" + text + "': " + why;
    return std::nullopt;
  };
  if (text.empty()) return fail("empty");
  while (i < text.size()) {
    if (text[i] == '[') {
      const size_t close = text.find(']', i);
      if (close == std::string::npos) return fail("missing ']'");
      const std::string inner = text.substr(i + 1, close - i - 1);
      if (inner == "*") {
        path.segments.push_back({PathSegment::Kind::AnyItem, {}, 0});
      } else {
        size_t index = 0;
        auto [end, ec] = std::from_chars(inner.data(), inner.data() + inner.size(), index);
        if (ec != std::errc() || end != inner.data() + inner.size() || inner.empty()) {
          return fail("expected [*] or [number]");
        }
        path.segments.push_back({PathSegment::Kind::Index, {}, index});
      }
      i = close + 1;
      if (i < text.size() && text[i] == '.') {
        ++i;
        if (i == text.size()) return fail("ends with '.'");
      }
      continue;
    }
    size_t end = i;
    while (end < text.size() && text[end] != '.' && text[end] != '[') ++end;
    const std::string name = text.substr(i, end - i);
    if (name.empty()) return fail("empty segment");
    if (name == "*") {
      path.segments.push_back({PathSegment::Kind::AnyMember, {}, 0});
    } else {
      path.segments.push_back({PathSegment::Kind::Member, name, 0});
    }
    i = end;
    if (i < text.size() && text[i] == '.') {
      ++i;
      if (i == text.size()) return fail("ends with '.'");
    }
  }
  return path;
}

namespace {

std::string segment_text(const PathSegment& seg, bool first) {
  switch (seg.kind) {
    case PathSegment::Kind::Member:
      return (first ? "" : ".") + seg.name;
    case PathSegment::Kind::AnyMember:
      return first ? "*" : ".*";
    case PathSegment::Kind::AnyItem:
      return "[*]";
    case PathSegment::Kind::Index:
      return "[" + std::to_string(seg.index) + "]";
  }
  return {};
}

void walk(const json::Value& node, uint32_t node_offset, const PropertyPath& path, size_t depth,
          std::string concrete, std::vector<PathMatch>& out) {
  if (depth == path.segments.size()) {
    out.push_back({&node, node_offset, std::move(concrete), nullptr});
    return;
  }
  if (node.is_unknown()) {
    out.push_back({nullptr, node_offset, std::move(concrete), &node});
    return;
  }
  // The path names what is missing; the offset stays on the nearest existing parent.
  auto absent = [&] {
    std::string full = concrete;
    for (size_t k = depth; k < path.segments.size(); ++k)
      full += segment_text(path.segments[k], full.empty());
    out.push_back({nullptr, node_offset, std::move(full), nullptr});
  };
  const PathSegment& seg = path.segments[depth];
  const std::string sep = concrete.empty() ? "" : ".";
  switch (seg.kind) {
    case PathSegment::Kind::Member: {
      const json::Member* m = node.find_member(seg.name);
      if (!m) return absent();
      walk(m->value, m->key_offset, path, depth + 1, concrete + sep + m->key, out);
      return;
    }
    case PathSegment::Kind::AnyMember: {
      if (!node.is_object() || node.members().empty()) return absent();
      for (const json::Member& m : node.members()) {
        walk(m.value, m.key_offset, path, depth + 1, concrete + sep + m.key, out);
      }
      return;
    }
    case PathSegment::Kind::AnyItem: {
      if (!node.is_array() || node.items().empty()) return absent();
      for (size_t k = 0; k < node.items().size(); ++k) {
        const json::Value& item = node.items()[k];
        walk(item, item.offset(), path, depth + 1, concrete + "[" + std::to_string(k) + "]", out);
      }
      return;
    }
    case PathSegment::Kind::Index: {
      if (!node.is_array() || seg.index >= node.items().size()) return absent();
      const json::Value& item = node.items()[seg.index];
      walk(item, item.offset(), path, depth + 1, concrete + "[" + std::to_string(seg.index) + "]",
           out);
      return;
    }
  }
}

}  // namespace

std::vector<PathMatch> resolve(const json::Value& root, const PropertyPath& path) {
  std::vector<PathMatch> out;
  walk(root, root.offset(), path, 0, {}, out);
  return out;
}

}  // namespace cmk::rules
