// EtlStudio on Azure: `azd up` provisions this, then deploys EtlStudio.Web to the web app.
// No passwords anywhere: the web app reaches SQL, Storage, Key Vault and Event Hubs with its managed identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@minLength(1)
@description('Object id of the deploying principal (azd fills it from AZURE_PRINCIPAL_ID); it becomes the Entra admin of the SQL server.')
param principalId string

@description('Display name of that principal as the SQL server shows it (its UPN or app name reads best).')
param principalName string = 'azd-deployer'

@allowed(['User', 'Group', 'Application'])
@description('Kind of principal behind principalId: User locally, Application for a CI service principal.')
param principalType string = 'User'

@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3', 'P3v3'])
@description('App Service plan SKU (Basic or above: Always On needs it).')
param appServicePlanSku string = 'B1'

@minValue(1)
@maxValue(10)
@description('Web app instances; ARR affinity keeps each Blazor circuit on its instance.')
param appServiceInstances int = 1

@description('Azure SQL database SKU. GP_S_* is serverless (auto-pause); e.g. S0 or GP_Gen5_2 otherwise.')
param sqlDatabaseSku string = 'GP_S_Gen5_1'

@minValue(-1)
@description('Serverless only: idle minutes before the database pauses (minimum 60, -1 never pauses).')
param sqlAutoPauseDelayMinutes int = 60

@description('Public IP allowed through the SQL firewall, so the postprovision hook can create the app user from your machine. Empty: none.')
param sqlClientIpAddress string = ''

@description('Client id of the Entra ID app registration users sign in with; may stay empty until one exists.')
param entraClientId string = ''

@description('Deploy an Event Hubs namespace (Standard, Kafka endpoint) for Kafka triggers.')
param deployEventHubs bool = false

@description('Key Vault purge protection. Keep it on: losing the Data Protection key loses every stored connection secret.')
param keyVaultPurgeProtection bool = true

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
var names = {
  plan: 'plan-${token}'
  web: 'app-${token}'
  sql: 'sql-${token}'
  database: 'etlstudio'
  storage: 'st${token}'
  vault: 'kv-${token}'
  logs: 'log-${token}'
  insights: 'appi-${token}'
  eventHubs: 'evhns-${token}'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    workspaceName: names.logs
    insightsName: names.insights
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.storage
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.vault
    purgeProtection: keyVaultPurgeProtection
  }
}

module sql 'modules/sql.bicep' = {
  name: 'sql'
  scope: rg
  params: {
    location: location
    tags: tags
    serverName: names.sql
    databaseName: names.database
    databaseSku: sqlDatabaseSku
    autoPauseDelayMinutes: sqlAutoPauseDelayMinutes
    adminObjectId: principalId
    adminName: principalName
    adminType: principalType
    clientIpAddress: sqlClientIpAddress
  }
}

module eventHubs 'modules/eventhubs.bicep' = if (deployEventHubs) {
  name: 'eventhubs'
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.eventHubs
  }
}

module web 'modules/appservice.bicep' = {
  name: 'web'
  scope: rg
  params: {
    location: location
    tags: tags
    planName: names.plan
    planSku: appServicePlanSku
    instances: appServiceInstances
    name: names.web
    appSettings: {
      Database__Provider: 'SqlServer'
      Database__ConnectionString: 'Server=tcp:${sql.outputs.serverFqdn},1433;Database=${sql.outputs.databaseName};Authentication=Active Directory Managed Identity;Encrypt=True;TrustServerCertificate=False;Connection Timeout=30'
      Staging__Provider: 'AzureBlob'
      Staging__BlobServiceUri: storage.outputs.blobEndpoint
      Staging__Container: storage.outputs.stagingContainer
      DataProtection__BlobUri: '${storage.outputs.blobEndpoint}${storage.outputs.dataProtectionContainer}/keys.xml'
      DataProtection__KeyVaultKeyId: keyVault.outputs.dataProtectionKeyUri
      KeyVault__Uri: keyVault.outputs.uri
      Authentication__Mode: 'EntraId'
      AzureAd__Instance: environment().authentication.loginEndpoint
      AzureAd__TenantId: tenant().tenantId
      AzureAd__ClientId: entraClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      Demo__Seed: 'false'
      // Links in failure webhooks; the default host name of a site without a unique-hostname scope is <name>.azurewebsites.net.
      Portal__BaseUrl: 'https://${names.web}.azurewebsites.net/'
    }
    kafkaEndpoint: deployEventHubs ? eventHubs!.outputs.kafkaEndpoint : ''
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  scope: rg
  params: {
    principalId: web.outputs.principalId
    grantee: web.outputs.id
    storageName: storage.outputs.name
    vaultName: keyVault.outputs.name
    eventHubsName: deployEventHubs ? eventHubs!.outputs.name : ''
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_WEB_NAME string = web.outputs.name
output SERVICE_WEB_URI string = web.outputs.uri
output AZURE_SQL_SERVER_NAME string = sql.outputs.serverName
output AZURE_SQL_SERVER_FQDN string = sql.outputs.serverFqdn
output AZURE_SQL_DATABASE_NAME string = sql.outputs.databaseName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_EVENTHUBS_NAMESPACE string = deployEventHubs ? eventHubs!.outputs.name : ''
