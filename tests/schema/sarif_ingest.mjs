// Checks that cmkguard's SARIF is what GitHub code scanning and Azure DevOps (GitHub Advanced
// Security for Azure DevOps) ingest: Microsoft's SARIF Multitool validates SARIF logs of scans of
// samples/ (default, --all, with a suppression, with a baseline; and sarif-github) with its Sarif,
// Gh and Ado rule kinds, and no result of the validator may be an error. Also checks GitHub's
// limits, that locations are relative to %SRCROOT% (never absolute file:// URIs), and that
// sarif-github holds open failures only.
// usage: node sarif_ingest.mjs REPO_DIR CMKGUARD_BINARY
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [repo, binary] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const multitool = join(here, "node_modules/.bin/sarif-multitool");
const dir = mkdtempSync(join(tmpdir(), "cmkguard-sarif-ingest-"));
let failed = 0;

function fail(message) {
  failed++;
  console.error(message);
}

// The predefined variables an Azure Pipelines agent sets, as in a real job.
const azurePipeline = {
  TF_BUILD: "True",
  SYSTEM_COLLECTIONURI: "https://dev.azure.com/contoso/",
  SYSTEM_TEAMPROJECT: "Face",
  SYSTEM_DEFINITIONID: "42",
  BUILD_DEFINITIONNAME: "face-infra",
  SYSTEM_PHASEID: "3a7b2c1d-0e9f-4a5b-8c7d-6e5f4a3b2c1d",
  SYSTEM_PHASENAME: "Scan",
  BUILD_SOURCEBRANCH: "refs/heads/main",
  BUILD_BUILDID: "1234",
};

function cmkguard(args, env = { TF_BUILD: "" }) {
  const run = spawnSync(binary, args, {
    cwd: repo, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env },
  });
  if (run.status !== 0 && run.status !== 1) fail(`cmkguard ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return run;
}

const config = join(dir, "suppress.cmkguard.yaml");
writeFileSync(config, [
  "suppressions:",
  "  - rule: kv-purge-protection",
  "    justification: Test vault without customer data, recreated nightly",
  "",
].join("\n"));
const baseline = join(dir, "baseline.json");
cmkguard(["scan", "--no-config", "--write-baseline", baseline, "samples", "rules"]);

const scans = {
  default: ["--no-config"],
  all: ["--no-config", "--all"],
  suppressed: ["--config", config],
  baseline: ["--no-config", "--baseline", baseline],
  // What GitHub code scanning gets: open failures only, whatever else is asked for.
  github: ["--format", "sarif-github", "--all", "--config", config],
};
const logs = [];
// The same scans run in an Azure Pipelines job, for Azure DevOps (not the GitHub profile).
const azureLogs = [];
for (const [name, extra] of Object.entries(scans)) {
  const format = extra.includes("--format") ? [] : ["--format", "sarif"];
  if (name !== "github") {
    const inPipeline = cmkguard(["scan", ...format, ...extra, "samples", "rules"], azurePipeline);
    const file = join(dir, `${name}-azure-pipelines.sarif`);
    writeFileSync(file, inPipeline.stdout);
    azureLogs.push(file);
    const details = JSON.parse(inPipeline.stdout).runs[0].automationDetails;
    if (!details.id.startsWith("azuredevops/pipeline/build/contoso/Face/42/")) fail(`${name}: in a pipeline, automationDetails.id is ${details.id}`);
  }
  const run = cmkguard(["scan", ...format, ...extra, "samples", "rules"]);
  const file = join(dir, `${name}.sarif`);
  writeFileSync(file, run.stdout);
  logs.push(file);
  if (JSON.parse(run.stdout).runs[0].automationDetails.id !== "cmkguard/") fail(`${name}: outside a pipeline, automationDetails.id is not GitHub's category cmkguard/`);
  const sarif = JSON.parse(run.stdout);
  const results = sarif.runs[0].results;
  if (results.length === 0) fail(`${name}: no results to validate`);
  if (name === "suppressed" && !results.some((r) => r.suppressions)) fail(`${name}: no suppressed result`);
  if (name === "baseline" && !results.some((r) => r.baselineState === "unchanged")) fail(`${name}: no baselined result`);
  if (name === "github" && results.some((r) => r.kind !== "fail" || r.suppressions)) fail(`${name}: a result GitHub would show as an open alert that is not one`);
  // GitHub's limits: rule names 255 characters, descriptions 1024.
  for (const rule of sarif.runs[0].tool.driver.rules) {
    if (!rule.name || rule.name.length > 255) fail(`${name}: rule ${rule.id}: name missing or too long`);
    for (const d of ["shortDescription", "fullDescription"]) {
      const text = rule[d]?.text || "";
      if (text.length === 0 || text.length > 1024) fail(`${name}: rule ${rule.id}: ${d} of ${text.length} characters`);
    }
    if (!rule.help?.text || !rule.help?.markdown) fail(`${name}: rule ${rule.id}: no help text and markdown`);
  }
  const artifacts = results.flatMap((r) => [...r.locations, ...(r.relatedLocations || [])])
    .map((l) => l.physicalLocation.artifactLocation);
  const absolute = artifacts.filter((a) => a.uri.startsWith("file:") || a.uriBaseId !== "%SRCROOT%");
  if (absolute.length > 0) fail(`${name}: ${absolute.length} location(s) not relative to %SRCROOT%, e.g. ${JSON.stringify(absolute[0])}`);
  const root = sarif.runs[0].originalUriBaseIds?.["%SRCROOT%"]?.uri || "";
  if (!root.startsWith("file:///") || !root.endsWith("/")) fail(`${name}: originalUriBaseIds has no %SRCROOT% directory URI: ${root}`);
}

// Sarif and Gh validate the logs of a plain run (GitHub's automationDetails category); Ado the
// logs written in an Azure Pipelines job, which carry the pipeline's run identity. No error is
// tolerated.
for (const kind of ["Sarif", "Gh", "Ado"]) {
  const output = join(dir, `validation-${kind}.sarif`);
  const inputs = kind === "Ado" ? azureLogs : logs;
  const run = spawnSync(multitool, ["validate", "--rule-kind", kind, "--output", output, ...inputs], { encoding: "utf8" });
  if (run.error || run.status !== 0) {
    fail(`sarif-multitool validate --rule-kind ${kind} exited ${run.status}: ${run.error || run.stdout + run.stderr}`);
    continue;
  }
  const validation = JSON.parse(readFileSync(output, "utf8"));
  const results = validation.runs.flatMap((r) => r.results || []);
  const errors = results.filter((r) => r.level === "error");
  for (const e of errors) {
    const where = e.locations?.[0]?.physicalLocation?.artifactLocation?.uri || "";
    const text = e.message.text || `${e.message.id} ${(e.message.arguments || []).join("; ")}`;
    fail(`${kind}: ${e.ruleId} ${where}: ${text}`);
  }
  console.log(`sarif-multitool --rule-kind ${kind}: ${errors.length} error(s), ${results.length - errors.length} other result(s)`);
}

rmSync(dir, { recursive: true, force: true });
console.log(`sarif ingest: ${failed === 0 ? "passed" : `${failed} failure(s)`}`);
process.exit(failed === 0 ? 0 : 1);
