#!/usr/bin/env python3
"""Writes a generated live export, as a tenant-wide Resource Graph query returns it, for
measuring scans of large exports.

usage: bench/gen_live_export.py COUNT OUT.json [--one-line]

The mix is a tenant's: mostly storage accounts, then key vaults with their keys, user-assigned
identities, role assignments on the vaults, and a few Cognitive Services accounts whose
customer-managed key is in one of the vaults (see resource() for the shares). Written as {"count": N, "data": [...]}, one
resource per line (or all on one line with --one-line, as `az graph query` prints it).
"""
import json
import sys

SUB = "/subscriptions/3b7e9d21-5c4a-4f8e-b6d0-9a1c2e3f4d5b/resourceGroups/rg-{g}"
CRYPTO_USER = ("/providers/Microsoft.Authorization/roleDefinitions/"
               "e147488a-f6f5-4113-8e2d-b22465e65bf6")


def resource(i):
    # Per 100 resources: 2 key vaults with a key each, 5 identities, 10 role assignments on the
    # vaults, 81 storage accounts; one Cognitive Services account with CMK per 10,000.
    group = SUB.format(g=i // 1000)
    vault_name = f"kv-{i // 100}"
    vault = f"{group}/providers/Microsoft.KeyVault/vaults/{vault_name}"
    kind = i % 100
    if kind == 0 and i % 10000 == 0:
        identity = f"{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-{i + 4}"
        return {"id": f"{group}/providers/Microsoft.CognitiveServices/accounts/ai-{i}",
                "type": "Microsoft.CognitiveServices/accounts", "name": f"ai-{i}",
                "kind": "Face", "location": "westeurope",
                "identity": {"type": "UserAssigned", "userAssignedIdentities": {identity: {}}},
                "properties": {"encryption": {
                    "keySource": "Microsoft.KeyVault",
                    "keyVaultProperties": {"keyName": "cmk",
                                           "keyVaultUri": f"https://{vault_name}.vault.azure.net/",
                                           "identityClientId": f"c-{i + 4}"}}}}
    if kind in (1, 2):
        name = f"{vault_name}-{kind}"
        return {"id": f"{group}/providers/Microsoft.KeyVault/vaults/{name}",
                "type": "Microsoft.KeyVault/vaults", "name": name, "location": "westeurope",
                "properties": {"tenantId": "t", "enableSoftDelete": True,
                               "enablePurgeProtection": kind == 1,
                               "enableRbacAuthorization": True,
                               "vaultUri": f"https://{name}.vault.azure.net/",
                               "sku": {"family": "A", "name": "standard"}}}
    if kind in (3, 4):
        name = f"{vault_name}-{kind - 2}"
        return {"id": f"{group}/providers/Microsoft.KeyVault/vaults/{name}/keys/cmk",
                "type": "Microsoft.KeyVault/vaults/keys", "name": "cmk",
                "properties": {"kty": "RSA", "keySize": 2048, "attributes": {"enabled": True}}}
    if 5 <= kind < 10:
        return {"id": f"{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-{i}",
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "name": f"id-{i}",
                "location": "westeurope",
                "properties": {"principalId": f"p-{i}", "clientId": f"c-{i}", "tenantId": "t"}}
    if 10 <= kind < 20:
        scope = f"{vault}-{1 + kind % 2}"
        return {"id": f"{scope}/providers/Microsoft.Authorization/roleAssignments/ra-{i}",
                "type": "Microsoft.Authorization/roleAssignments", "name": f"ra-{i}",
                "properties": {"principalId": f"p-{i - 5 - kind % 5}", "scope": scope,
                               "roleDefinitionId": CRYPTO_USER}}
    return {"id": f"{group}/providers/Microsoft.Storage/storageAccounts/st{i}",
            "type": "Microsoft.Storage/storageAccounts", "name": f"st{i}",
            "location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"},
            "properties": {"supportsHttpsTrafficOnly": True, "minimumTlsVersion": "TLS1_2",
                           "allowBlobPublicAccess": False,
                           "encryption": {"keySource": "Microsoft.Storage"}}}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    count = int(sys.argv[1])
    one_line = "--one-line" in sys.argv[3:]
    sep = ", " if one_line else ",\n"
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write(f'{{"count": {count}, "data": [' + ("" if one_line else "\n"))
        for i in range(count):
            out.write((sep if i else "") + json.dumps(resource(i)))
        out.write(("" if one_line else "\n") + '], "resultTruncated": "false"}\n')


if __name__ == "__main__":
    main()
