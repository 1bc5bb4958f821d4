// Runs the scan steps of the CI templates users copy with the cmkguard built here:
//   action.yml (GitHub composite action): step `scan` writes the SARIF and exit-code=1 on a bad
//   sample, 0 on the good one; the SARIF goes to github/codeql-action/upload-sarif.
//   ci-templates/azure-pipelines/cmkguard.yml: step `cmkguard scan` writes SARIF and JUnit and
//   sets CMKGUARD_EXIT_CODE; PublishTestResults@2 and the CodeAnalysisLogs artifact publish them.
// usage: node ci_templates.mjs REPO_DIR CMKGUARD_BINARY
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import yaml from "js-yaml";

const [repo, binary] = process.argv.slice(2);
let failed = 0;
function expect(ok, what) {
  if (!ok) {
    failed++;
    console.error(`FAIL: ${what}`);
  }
}

const work = mkdtempSync(join(tmpdir(), "cmkguard-ci-templates-"));
const path = `${dirname(resolve(binary))}:${process.env.PATH}`;
const good = join(repo, "samples/good-face-cmk.json");
const bad = join(repo, "samples/bad-vault-without-purge-protection.json");

function bash(script, env) {
  return spawnSync("bash", ["-c", script], {
    cwd: repo, encoding: "utf8", env: { PATH: path, HOME: process.env.HOME, ...env },
  });
}

try {
  // GitHub composite action.
  const action = yaml.load(readFileSync(join(repo, "action.yml"), "utf8"));
  expect(action.runs.using === "composite", "action.yml is a composite action");
  for (const name of ["paths", "fail-on", "sarif-file", "version", "deb-url"]) {
    expect(name in action.inputs, `action.yml has input ${name}`);
  }
  const steps = action.runs.steps;
  const scan = steps.find((s) => s.id === "scan");
  expect(scan, "action.yml has a step with id scan");
  expect(steps.some((s) => String(s.uses).startsWith("github/codeql-action/upload-sarif@")),
    "action.yml uploads with github/codeql-action/upload-sarif");
  for (const [sample, code] of [[good, "0"], [bad, "1"]]) {
    const sarif = join(work, `action-${code}.sarif`);
    const output = join(work, `github-output-${code}`);
    const r = bash(scan.run, {
      PATHS: sample, FAIL_ON: "high", SARIF_FILE: sarif, ARGS: "--quiet", GITHUB_OUTPUT: output,
    });
    expect(r.status === 0, `action.yml scan step exits 0 (it records the code): ${r.stderr}`);
    const recorded = existsSync(output) ? readFileSync(output, "utf8").trim() : "";
    expect(recorded === `exit-code=${code}`, `action.yml scan of ${sample}: '${recorded}', want exit-code=${code}`);
    const report = existsSync(sarif) ? JSON.parse(readFileSync(sarif, "utf8")) : {};
    expect(report.version === "2.1.0", `action.yml writes SARIF 2.1.0 to ${sarif}`);
    const results = report.runs?.[0]?.results ?? [];
    expect(code === "1" ? results.length > 0 : results.length === 0,
      `action.yml SARIF for ${sample} has ${results.length} result(s)`);
  }

  // Azure Pipelines steps template.
  const azure = yaml.load(readFileSync(join(repo, "ci-templates/azure-pipelines/cmkguard.yml"), "utf8"));
  const azureScan = azure.steps.find((s) => s.displayName === "cmkguard scan");
  expect(azureScan, "the Azure template has a step 'cmkguard scan'");
  expect(azure.steps.some((s) => s.task === "PublishTestResults@2" && s.inputs.testResultsFormat === "JUnit"),
    "the Azure template publishes JUnit with PublishTestResults@2");
  expect(azure.steps.some((s) => s.task === "PublishBuildArtifacts@1" && s.inputs.ArtifactName === "CodeAnalysisLogs"),
    "the Azure template publishes the SARIF as CodeAnalysisLogs");
  const sarif = join(work, "azure/CodeAnalysisLogs/cmkguard.sarif");
  const junit = join(work, "azure/junit.xml");
  const r = bash(azureScan.bash, { PATHS: bad, FAIL_ON: "high", SARIF_FILE: sarif, JUNIT_FILE: junit, ARGS: "" });
  expect(r.status === 0, `the Azure scan step exits 0 (it records the code): ${r.stderr}`);
  expect(r.stdout.includes("##vso[task.setvariable variable=CMKGUARD_EXIT_CODE]1"),
    "the Azure scan step sets CMKGUARD_EXIT_CODE to 1 on a bad sample");
  expect(existsSync(sarif) && JSON.parse(readFileSync(sarif, "utf8")).version === "2.1.0",
    "the Azure scan step writes SARIF 2.1.0");
  expect(existsSync(junit) && readFileSync(junit, "utf8").includes("<failure"),
    "the Azure scan step writes JUnit with the failure");
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failed) {
  console.error(`${failed} failure(s)`);
  process.exit(1);
}
console.log("CI templates OK");
