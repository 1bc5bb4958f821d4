#!/usr/bin/env bash
# The HTML audit report printed to PDF by headless Chromium, as an auditor would print it: the
# PDF must exist, have a plausible number of pages and size, and its text must hold the evidence
# section, the rule ids and a long resource name whole (wrapped, not cut off at the margin).
# Usage: html_print.sh CMKGUARD_BINARY
set -euo pipefail
cmkguard=$1
for tool in chromium pdfinfo pdftotext; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "FAIL: $tool is not installed (scripts/install-deps.sh installs chromium and poppler-utils)"
    exit 1
  fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/infra"
# No hyphens: pdftotext joins a word hyphenated at a line end, which would hide a cut.
long=kv$(printf 'contoso%.0s' $(seq 1 30))
cat >"$work/infra/main.json" <<JSON
{
  "\$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"p": {"type": "bool"}},
  "resources": [
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "$long",
     "properties": {"enableSoftDelete": false, "enablePurgeProtection": false}},
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "second-kv",
     "properties": {"enableSoftDelete": false, "enablePurgeProtection": "[parameters('p')]"}}
  ]
}
JSON
status=0
"$cmkguard" scan --no-config --all --format html -o "$work/report.html" "$work/infra" || status=$?
if [ "$status" -ne 1 ]; then
  echo "FAIL: cmkguard scan exited $status, expected 1 (findings)"
  exit 1
fi
timeout 180 chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$work/profile" --no-pdf-header-footer \
  --print-to-pdf="$work/report.pdf" "file://$work/report.html" >"$work/chromium.log" 2>&1 || {
  echo "FAIL: chromium could not print the report"
  cat "$work/chromium.log"
  exit 1
}
[ -s "$work/report.pdf" ] || { echo "FAIL: no PDF written"; exit 1; }
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}')
bytes=$(stat -c %s "$work/report.pdf")
echo "PDF: $pages page(s), $bytes bytes"
if [ "$pages" -lt 2 ] || [ "$pages" -gt 30 ]; then
  echo "FAIL: $pages page(s); a report with an evidence section takes 2 to 30"
  exit 1
fi
if [ "$bytes" -lt 10000 ] || [ "$bytes" -gt 5000000 ]; then
  echo "FAIL: $bytes bytes is not a plausible size"
  exit 1
fi
pdftotext "$work/report.pdf" "$work/report.txt"
for text in "Customer-managed key compliance report" "Evidence" "Rule set" "kv-soft-delete" \
  "kv-purge-protection" "verdict"; do
  grep -qF "$text" "$work/report.txt" || { echo "FAIL: '$text' not in the PDF text"; exit 1; }
done
# A name wider than the page survives whole only if it wraps.
tr -d ' \n' <"$work/report.txt" | grep -qF "$long" || {
  echo "FAIL: the long resource name is cut off in the PDF"
  exit 1
}
echo "PASS"
