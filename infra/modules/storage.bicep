// Blob storage for staged source files and the Data Protection key ring; Entra ID access only (no account keys).
param location string
param tags object
param name string

var stagingContainer = 'staging'
var dataProtectionContainer = 'dataprotection'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for container in [stagingContainer, dataProtectionContainer]: {
    parent: blobs
    name: container
    properties: { publicAccess: 'None' }
  }
]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output stagingContainer string = stagingContainer
output dataProtectionContainer string = dataProtectionContainer
