// libFuzzer target: the JSON reader (src/json/reader.cpp, its strict fast path and its relaxed
// reader) and what hangs off its output: diagnostics and their formatting, byte offset ->
// line:column, line_text, to_json.
// Oracles: the fast path and the relaxed reader agree on every input; every value's offset points
// at the first byte of that value in the source; every key offset at a quote; to_json(root) parses
// again to an equal tree. The live-export splitter (src/json/resource_splitter.cpp) cuts the same
// pieces whether it is fed the input whole or byte by byte, each piece is the file's bytes at its
// offset, and a piece's positions are the file's.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "json/diagnostic.hpp"
#include "json/reader.hpp"
#include "json/resource_splitter.hpp"
#include "json/source_text.hpp"
#include "json/value.hpp"

namespace {

using cmk::json::Kind;
using cmk::json::SourceText;
using cmk::json::Value;

void check_position(const SourceText& src, size_t offset) {
  const cmk::json::Position p = src.position(offset);
  CMK_FUZZ_CHECK(p.line >= 1 && p.line <= src.line_count(), "position line out of range");
  CMK_FUZZ_CHECK(p.column >= 1, "position column is 0");
  (void)src.line_text(p.line);
}

// position() against a naive recount: lines end at LF; columns count UTF-8 lead bytes.
void check_position_exact(const SourceText& src, size_t offset) {
  const std::string& t = src.text();
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < t.size(); ++i) {
    if (t[i] == '\n') {
      ++line, column = 1;
    } else if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  const cmk::json::Position p = src.position(offset);
  CMK_FUZZ_CHECK(p.line == line && p.column == column, "position() disagrees with a recount");
}

// The byte a value of this kind starts with.
bool starts_like(Kind kind, char c) {
  switch (kind) {
    case Kind::Null:
      return c == 'n';
    case Kind::Bool:
      return c == 't' || c == 'f';
    case Kind::Int:
    case Kind::Double:
      return c == '-' || (c >= '0' && c <= '9');
    case Kind::String:
      return c == '"';
    case Kind::Array:
      return c == '[';
    case Kind::Object:
      return c == '{';
    default:
      return false;
  }
}

void walk(const SourceText& src, const Value& v, int depth) {
  CMK_FUZZ_CHECK(depth <= cmk::json::kMaxDepth, "tree deeper than kMaxDepth");
  const std::string& text = src.text();
  CMK_FUZZ_CHECK(v.offset() < text.size(), "value offset out of range");
  CMK_FUZZ_CHECK(starts_like(v.kind(), text[v.offset()]),
                 std::string("value offset does not point at a ") + cmk::json::kind_name(v.kind()));
  check_position(src, v.offset());
  if (v.is_array()) {
    for (const Value& item : v.items()) walk(src, item, depth + 1);
  } else if (v.is_object()) {
    for (const cmk::json::Member& m : v.members()) {
      CMK_FUZZ_CHECK(m.key_offset < text.size() && text[m.key_offset] == '"',
                     "key offset does not point at a quote");
      check_position(src, m.key_offset);
      walk(src, m.value, depth + 1);
    }
  }
}

// Structural equality; doubles within a relative 1e-15, since the default RapidJSON number
// parser is not correctly rounded for every 17-digit input.
bool same(const Value& a, const Value& b) {
  // Known issue (tests/fuzz_regressions/json_reader/number-overflows-to-infinity.json): a number
  // past DBL_MAX is read as infinity, which to_json writes as null.
  if (a.kind() == Kind::Double && !std::isfinite(a.as_double())) return b.is_null();
  if (a.is_number() && b.is_number()) {
    const double x = a.as_double(), y = b.as_double();
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return x == y || std::fabs(x - y) <= 1e-15 * std::fmax(std::fabs(x), std::fabs(y));
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Array: {
      if (a.items().size() != b.items().size()) return false;
      for (size_t i = 0; i < a.items().size(); ++i)
        if (!same(a.items()[i], b.items()[i])) return false;
      return true;
    }
    case Kind::Object: {
      if (a.members().size() != b.members().size()) return false;
      for (size_t i = 0; i < a.members().size(); ++i) {
        if (a.members()[i].key != b.members()[i].key) return false;
        if (!same(a.members()[i].value, b.members()[i].value)) return false;
      }
      return true;
    }
    default:
      return a == b;
  }
}

struct Split {
  std::vector<cmk::json::ResourcePiece> pieces;
  bool ok = false;
};

Split split(const std::string& text, size_t chunk) {
  cmk::json::ResourceSplitter splitter(4096);
  Split out;
  out.ok = true;
  for (size_t i = 0; i < text.size() && out.ok; i += chunk) {
    out.ok = splitter.feed(std::string_view(text).substr(i, chunk), out.pieces);
  }
  out.ok = out.ok && splitter.finish();
  return out;
}

void check_splitter(const SourceText& src) {
  const Split whole = split(src.text(), src.text().size() + 1);
  const Split bytewise = split(src.text(), 1);
  CMK_FUZZ_CHECK(whole.ok == bytewise.ok, "the splitter's verdict depends on the chunking");
  CMK_FUZZ_CHECK(whole.pieces.size() == bytewise.pieces.size(),
                 "the splitter's pieces depend on the chunking");
  for (size_t i = 0; i < whole.pieces.size(); ++i) {
    const cmk::json::ResourcePiece& a = whole.pieces[i];
    const cmk::json::ResourcePiece& b = bytewise.pieces[i];
    CMK_FUZZ_CHECK(a.text == b.text && a.parse_from == b.parse_from &&
                       a.file_offset == b.file_offset && a.line == b.line &&
                       a.column_before == b.column_before,
                   "the splitter's pieces depend on the chunking");
    CMK_FUZZ_CHECK(src.text().compare(a.file_offset, a.text.size(), a.text) == 0,
                   "a piece is not the file's bytes at its offset");
    const SourceText part = a.source("fuzz.json");
    for (const size_t k : {a.parse_from, a.text.size() - 1}) {
      const cmk::json::Position in_part = part.position(k);
      const cmk::json::Position in_file = src.position(a.file_offset + k);
      CMK_FUZZ_CHECK(in_part.line == in_file.line && in_part.column == in_file.column,
                     "a piece's position is not the file's");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const SourceText src("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  const cmk::json::ParseResult r = cmk::json::parse(src);
  check_splitter(src);

  for (const cmk::Diagnostic& d : r.diagnostics) {
    CMK_FUZZ_CHECK(d.line <= src.line_count(), "diagnostic line out of range");
    const std::string out = cmk::format_diagnostic(d);
    CMK_FUZZ_CHECK(!out.empty(), "empty diagnostic");
  }
  CMK_FUZZ_CHECK(r.root.has_value() != cmk::has_errors(r.diagnostics), "root present iff no error");

  // The strict fast path and the relaxed reader read any text alike: same tree, offsets, kinds
  // and diagnostics.
  const cmk::json::ParseResult relaxed = cmk::json::parse_relaxed(src);
  CMK_FUZZ_CHECK(relaxed.root.has_value() == r.root.has_value(),
                 "fast path and relaxed reader disagree on success");
  CMK_FUZZ_CHECK(relaxed.diagnostics.size() == r.diagnostics.size(),
                 "fast path and relaxed reader disagree on diagnostics");
  for (size_t i = 0; i < r.diagnostics.size(); ++i) {
    CMK_FUZZ_CHECK(
        cmk::format_diagnostic(r.diagnostics[i]) == cmk::format_diagnostic(relaxed.diagnostics[i]),
        "fast path and relaxed reader word a diagnostic differently");
  }
  if (!r.root) return 0;
  CMK_FUZZ_CHECK(cmk::json::to_located_json(*r.root) == cmk::json::to_located_json(*relaxed.root),
                 "fast path and relaxed reader build different trees");

  walk(src, *r.root, 0);
  // Every byte offset, including one past the end, maps to a position.
  if (size < 512) {
    for (size_t i = 0; i <= size + 1; ++i) check_position_exact(src, i);
  }

  const std::string json = cmk::json::to_json(*r.root);
  const SourceText again("again.json", json);
  const cmk::json::ParseResult r2 = cmk::json::parse(again);
  CMK_FUZZ_CHECK(r2.root.has_value(), "to_json output does not parse: " + json.substr(0, 200));
  CMK_FUZZ_CHECK(same(*r.root, *r2.root), "to_json round trip changed the value");
  return 0;
}
