// Validates what cmkguard ships and produces against its JSON Schemas:
//   every rule YAML under rules/ against schemas/rule.schema.json, and every shared conditions
//   file (*.conditions.yaml) against schemas/conditions.schema.json,
//   the JSON report of a scan of samples/ against schemas/report.schema.json,
//   the SARIF report of the same scan against the OASIS SARIF 2.1.0 schema (draft-04).
// usage: node validate.mjs REPO_DIR CMKGUARD_BINARY [SARIF_SCHEMA]
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import Ajv2020 from "ajv/dist/2020.js";
import Ajv07 from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import yaml from "js-yaml";

const [repo, binary, sarifSchemaPath] = process.argv.slice(2);
let passed = 0;
let failed = 0;

// `referenced`: schemas the compiled one refers to by $id.
function compile(schemaPath, referenced = []) {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const draft = String(schema.$schema || "");
  const options = { allErrors: true, strict: false };
  const ajv = draft.includes("2020-12") ? new Ajv2020(options)
    : draft.includes("draft-04") ? new AjvDraft04(options)
    : new Ajv07(options);
  addFormats(ajv);
  for (const r of referenced) ajv.addSchema(JSON.parse(readFileSync(r, "utf8")));
  return ajv.compile(schema);
}

function check(name, validate, data) {
  if (validate(data)) {
    passed++;
  } else {
    failed++;
    console.error(`${name}: does not match its schema:`);
    for (const e of validate.errors.slice(0, 10)) console.error(`  ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const ruleSchema = compile(join(repo, "schemas/rule.schema.json"));
const conditionsSchema = compile(join(repo, "schemas/conditions.schema.json"), [join(repo, "schemas/rule.schema.json")]);
const yamlFiles = walk(join(repo, "rules")).filter((p) => /\.ya?ml$/.test(p));
const isConditions = (p) => /\.conditions\.ya?ml$/.test(p);
const rules = yamlFiles.filter((p) => !isConditions(p));
if (rules.length === 0) {
  console.error("no rule files found");
  failed++;
}
for (const file of rules) check(relative(repo, file), ruleSchema, yaml.load(readFileSync(file, "utf8")));
for (const file of yamlFiles.filter(isConditions)) {
  check(relative(repo, file), conditionsSchema, yaml.load(readFileSync(file, "utf8")));
}

// A rule the schema must reject, so this check cannot pass vacuously.
if (ruleSchema({ id: "x", title: "t", severity: "severe", resource: "A/b", message: "m", assert: { path: "a", equals: 1 } })) {
  failed++;
  console.error("rule schema accepts an invalid severity");
} else passed++;
// Named conditions, which no shipped rule uses yet, are part of the rule schema.
check("a rule with named conditions", ruleSchema, {
  id: "x", title: "t", severity: "high", resource: "A.b/c", description: "d", message: "m",
  remediation: "r", references: ["https://example.com/"],
  conditions: { "is-x": { path: "a", equals: 1 } },
  when: { use: "uses-cmk" },
  assert: { allOf: [{ use: "is-x" }, { not: { use: "is-x" } }] },
});
if (ruleSchema({ id: "x", title: "t", severity: "high", resource: "A.b/c", description: "d", message: "m",
  remediation: "r", references: ["https://example.com/"], assert: { use: "is-x", path: "a" } })) {
  failed++;
  console.error("rule schema accepts a use that does not stand alone");
} else passed++;
// A conditions file is not a rule, and its conditions are checked like a rule's.
if (conditionsSchema({ id: "x", conditions: { a: { path: "a", equals: 1 } } })
    || conditionsSchema({ conditions: { a: { path: "a", equal: 1 } } })) {
  failed++;
  console.error("conditions schema accepts an id or a misspelt operator");
} else passed++;

const configSchema = compile(join(repo, "schemas/config.schema.json"));
check("docs/example.cmkguard.yaml", configSchema, yaml.load(readFileSync(join(repo, "docs/example.cmkguard.yaml"), "utf8")));
if (configSchema({ suppressions: [{ rule: "x" }] })) {
  failed++;
  console.error("config schema accepts a suppression without justification");
} else passed++;

const reportSchema = compile(join(repo, "schemas/report.schema.json"));
for (const extra of [[], ["--all"], ["--fail-on", "none"]]) {
  const run = spawnSync(binary, ["scan", "--format", "json", ...extra, join(repo, "samples"), join(repo, "rules")], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) {
    failed++;
    console.error(`cmkguard scan exited ${run.status}: ${run.stderr}`);
    continue;
  }
  const report = JSON.parse(run.stdout);
  if (report.findings.length === 0) {
    failed++;
    console.error("the report of samples/ has no findings to validate");
  }
  check(`report ${extra.join(" ") || "(default)"}`, reportSchema, report);
}

// verify reports through the same report format.
{
  const dir = mkdtempSync(join(tmpdir(), "cmkguard-schema-"));
  const store = join(dir, "kv");
  const steps = [
    ["crypt", "vault", "create", store, "--name", "contoso-face-kv", "--purge-protection"],
    ["crypt", "key", "create", store, "face-cmk"],
  ];
  for (const args of steps) {
    const r = spawnSync(binary, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) {
      failed++;
      console.error(`cmkguard ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    }
  }
  const run = spawnSync(binary, ["verify", "--all", "--format", "json", join(repo, "samples/good-face-cmk.json"), "--keystore", store], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) {
    failed++;
    console.error(`cmkguard verify exited ${run.status}: ${run.stderr}`);
  } else {
    const report = JSON.parse(run.stdout);
    if (report.findings.length === 0) {
      failed++;
      console.error("the verify report has no findings to validate");
    }
    check("verify report --all", reportSchema, report);
  }
  rmSync(dir, { recursive: true, force: true });
}

if (sarifSchemaPath) {
  const sarifSchema = compile(sarifSchemaPath);
  for (const extra of [[], ["--all"]]) {
    const run = spawnSync(binary, ["scan", "--format", "sarif", ...extra, join(repo, "samples"), join(repo, "rules")], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const sarif = JSON.parse(run.stdout);
    if (sarif.runs[0].results.length === 0) {
      failed++;
      console.error("the SARIF report has no results to validate");
    }
    check(`sarif ${extra.join(" ") || "(default)"}`, sarifSchema, sarif);
  }
} else {
  console.error("SARIF schema not given: SARIF output not validated");
}

console.log(`schemas: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
