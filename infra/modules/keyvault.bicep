// Key Vault (RBAC) holding the RSA key that wraps the ASP.NET Core Data Protection key ring.
param location string
param tags object
param name string
param purgeProtection bool

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The service accepts true or nothing: false is refused once the vault exists.
    enablePurgeProtection: purgeProtection ? true : null
  }
}

resource dataProtectionKey 'Microsoft.KeyVault/vaults/keys@2024-11-01' = {
  parent: vault
  name: 'dataprotection'
  properties: {
    kty: 'RSA'
    keySize: 2048
    keyOps: ['wrapKey', 'unwrapKey']
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless, so a rotated key version is picked up for new wraps while old ones still unwrap.
output dataProtectionKeyUri string = dataProtectionKey.properties.keyUri
