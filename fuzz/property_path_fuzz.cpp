// libFuzzer target: property paths (src/rules/property_path.cpp). The input's first line is the
// path; the rest, if it parses as JSON, is the document it is resolved against (else a fixed one).
// Oracles: a parsed path has segments; resolve() always yields at least one match (the condition
// evaluator dereferences the first verdict unchecked); a match's offset is a real offset.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "json/reader.hpp"
#include "json/source_text.hpp"
#include "json/value.hpp"
#include "rules/property_path.hpp"

namespace {

const char kFixedDoc[] = R"({
  "name": "kv", "type": "Microsoft.KeyVault/vaults",
  "properties": {
    "enableSoftDelete": true, "softDeleteRetentionInDays": 90,
    "networkAcls": {"ipRules": [{"value": "1.2.3.4"}, {"value": "[parameters('ip')]"}], "x": []},
    "empty": {}, "list": [[1, 2], [], [[3]]], "Mixed": {"CASE": 1, "case": 2}
  },
  "identity": {"userAssignedIdentities": {"a": {"clientId": "c1"}, "b": {}}}
})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t nl = input.find('\n');
  const std::string path_text = input.substr(0, nl);
  std::string doc_text = nl == std::string::npos ? std::string() : input.substr(nl + 1);

  std::string error;
  const auto path = cmk::rules::parse_path(path_text, error);
  if (!path) {
    CMK_FUZZ_CHECK(!error.empty(), "parse_path failed without an error");
    return 0;
  }
  CMK_FUZZ_CHECK(!path->segments.empty(), "parsed path has no segments");

  cmk::json::SourceText src("doc.json", doc_text);
  cmk::json::ParseResult parsed = cmk::json::parse(src);
  if (!parsed.root) {
    src = cmk::json::SourceText("fixed.json", kFixedDoc);
    parsed = cmk::json::parse(src);
  }
  const std::vector<cmk::rules::PathMatch> matches = cmk::rules::resolve(*parsed.root, *path);
  CMK_FUZZ_CHECK(!matches.empty(), "resolve() returned no match");
  for (const cmk::rules::PathMatch& m : matches) {
    CMK_FUZZ_CHECK(m.offset == cmk::json::kNoOffset || m.offset < src.text().size(),
                   "match offset out of range");
    CMK_FUZZ_CHECK(!(m.value && m.blocked_by), "match both found and blocked");
    if (m.value) (void)cmk::json::to_json(*m.value);
  }
  return 0;
}
