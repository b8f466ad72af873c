// Azure SQL with Microsoft Entra authentication only: no SQL logins, no passwords.
param location string
param tags object
param serverName string
param databaseName string
param databaseSku string
param autoPauseDelayMinutes int
param adminObjectId string
param adminName string
param adminType string
param clientIpAddress string

var serverless = startsWith(databaseSku, 'GP_S_')
var sku = serverless
  ? { name: databaseSku, tier: 'GeneralPurpose', family: 'Gen5', capacity: int(last(split(databaseSku, '_'))) }
  : { name: databaseSku }

resource server 'Microsoft.Sql/servers@2023-08-01' = {
  name: serverName
  location: location
  tags: tags
  properties: {
    version: '12.0'
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      principalType: adminType
      login: adminName
      sid: adminObjectId
      tenantId: tenant().tenantId
    }
  }
}

resource database 'Microsoft.Sql/servers/databases@2023-08-01' = {
  parent: server
  name: databaseName
  location: location
  tags: tags
  sku: sku
  properties: {
    collation: 'SQL_Latin1_General_CP1_CI_AS'
    maxSizeBytes: 34359738368
    zoneRedundant: false
    requestedBackupStorageRedundancy: 'Local'
    autoPauseDelay: serverless ? autoPauseDelayMinutes : null
    minCapacity: serverless ? json('0.5') : null
  }
}

// 0.0.0.0–0.0.0.0 is the service's convention for "Azure services", which includes App Service outbound IPs.
resource allowAzure 'Microsoft.Sql/servers/firewallRules@2023-08-01' = {
  parent: server
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource allowClient 'Microsoft.Sql/servers/firewallRules@2023-08-01' = if (!empty(clientIpAddress)) {
  parent: server
  name: 'AllowDeployingClient'
  properties: {
    startIpAddress: clientIpAddress
    endIpAddress: clientIpAddress
  }
}

output serverName string = server.name
output serverFqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
