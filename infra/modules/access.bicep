// Data-plane roles for the web app's managed identity. SQL access is a database user instead: see hooks/postprovision.sh.
param principalId string
@description('Resource id of the identity owner; keeps the assignment names stable across deployments.')
param grantee string
param storageName string
param vaultName string
@description('Empty when Event Hubs is not deployed.')
param eventHubsName string

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  keyVaultCryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  eventHubsDataOwner: 'f526a384-b230-433a-b45c-95f59c4a2dec'
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: vaultName
}

resource eventHubs 'Microsoft.EventHub/namespaces@2024-01-01' existing = if (!empty(eventHubsName)) {
  name: eventHubsName
}

resource blobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, grantee, roles.storageBlobDataContributor)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageBlobDataContributor
    )
  }
}

resource vaultRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.keyVaultCryptoUser, roles.keyVaultSecretsUser]: {
    name: guid(vault.id, grantee, role)
    scope: vault
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource eventHubsOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(eventHubsName)) {
  name: guid(eventHubs.id, grantee, roles.eventHubsDataOwner)
  scope: eventHubs
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataOwner)
  }
}
