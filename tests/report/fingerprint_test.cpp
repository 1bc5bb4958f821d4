#include "report/fingerprint.hpp"

#include <catch2/catch.hpp>

#include "report/baseline.hpp"

using namespace cmk;

namespace {
rules::Finding finding(const rules::Rule& rule) {
  rules::Finding f;
  f.rule = &rule;
  f.resource_type = "Microsoft.KeyVault/vaults";
  f.resource_name = "kv1";
  f.path = "properties.enableSoftDelete";
  f.file = "t1/x.json";
  return f;
}
}  // namespace

TEST_CASE("the legacy fingerprint is the earlier releases' value") {
  rules::Rule rule;
  rule.id = "kv-soft-delete";
  // sha256("kv-soft-delete\nMicrosoft.KeyVault/vaults\nkv1\nproperties.enableSoftDelete\nt1/x.json")
  CHECK(report::legacy_fingerprint(finding(rule)) == "d5d3a54abe29ffc070cf778a60c6d33f");
}

TEST_CASE("the fingerprint tells apart deployments and evaluated names, not lines") {
  rules::Rule rule;
  rule.id = "kv-soft-delete";
  rules::Finding a = finding(rule);
  rules::Finding b = a;
  b.line = a.line + 10;
  b.resource_line = a.resource_line + 10;
  CHECK(report::finding_fingerprint(a) == report::finding_fingerprint(b));
  CHECK(report::finding_fingerprint(a).size() == 32);
  b.deployment_path = {"platform"};
  CHECK(report::finding_fingerprint(a) != report::finding_fingerprint(b));
  rules::Finding c = a;
  c.evaluated_name = "kv1-weu";
  CHECK(report::finding_fingerprint(a) != report::finding_fingerprint(c));
  // Deployment names are delimited: {"a/b"} and {"a", "b"} differ.
  rules::Finding d = a, e = a;
  d.deployment_path = {"a", "b"};
  e.deployment_path = {"ab"};
  CHECK(report::finding_fingerprint(d) != report::finding_fingerprint(e));
}

TEST_CASE("a baseline matches the current or the legacy fingerprint") {
  rules::Rule rule;
  rule.id = "kv-soft-delete";
  std::vector<rules::Finding> fs = {finding(rule), finding(rule), finding(rule)};
  fs[1].resource_name = "kv2";
  fs[2].resource_name = "kv3";
  report::mark_baseline(fs,
                        {report::legacy_fingerprint(fs[0]), report::finding_fingerprint(fs[1])});
  CHECK(fs[0].in_baseline);
  CHECK(fs[1].in_baseline);
  CHECK_FALSE(fs[2].in_baseline);
}
