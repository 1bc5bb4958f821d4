#!/usr/bin/env bash
# Scaffolds a rule: rules/AREA/ID.yaml and its fixture, ready to fill in.
# usage: scripts/new-rule.sh AREA ID [RESOURCE-TYPE]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: scripts/new-rule.sh AREA ID [RESOURCE-TYPE]" >&2
  exit 2
fi
area=$1 id=$2 type=${3:-Microsoft.KeyVault/vaults}
if ! [[ $id =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]]; then
  echo "rule ids are lower-case words joined by dashes, e.g. kv-purge-protection" >&2
  exit 2
fi
rule=rules/$area/$id.yaml fixture=rules/$area/$id.fixture.json
for f in "$rule" "$fixture"; do
  [ ! -e "$f" ] || { echo "$f exists" >&2; exit 2; }
done
mkdir -p "rules/$area"
cat > "$rule" <<YAML
id: $id
title: One sentence saying what a compliant resource does
severity: medium
resource: $type
description: >
  Why this matters for customer-managed keys.
message: "{name}: what is wrong ({path} is {actual})"
remediation: |
  Which property to set to what.
references:
  - https://learn.microsoft.com/
compliance:
  azure-security-benchmark: [DP-5]
assert:
  # Cite Azure's default when the property may be absent (docs URL or schema apiVersion).
  path: properties.someProperty
  equals: true
YAML
cat > "$fixture" <<JSON
{
  "\$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    // ruleid: $id
    {"type": "$type", "apiVersion": "2023-07-01", "name": "failing", "properties": {"someProperty": false}},
    // ok: $id
    {"type": "$type", "apiVersion": "2023-07-01", "name": "passing", "properties": {"someProperty": true}}
  ]
}
JSON
echo "created $rule and $fixture; edit both, then: ./build/cmkguard test rules/"
