// Linux App Service hosting EtlStudio.Web (portal, API, Hangfire server, Kafka consumer) on .NET 10.
param location string
param tags object
param planName string
param planSku string
param instances int
param name string
@description('App settings; keys use the double-underscore form ASP.NET Core maps to configuration sections.')
param appSettings object
@description('Kafka bootstrap address of the Event Hubs namespace; empty leaves Kafka__EventHubsNamespace out.')
param kafkaEndpoint string = ''

var settings = union(appSettings, empty(kafkaEndpoint) ? {} : { Kafka__EventHubsNamespace: kafkaEndpoint })

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: { name: planSku, capacity: instances }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Blazor Server keeps a SignalR circuit per user: with several instances a user must stay on one.
    clientAffinityEnabled: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      webSocketsEnabled: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for setting in items(settings): { name: setting.key, value: setting.value }]
    }
  }
}

// azd deploys with an Entra token, so publishing passwords are not needed.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output id string = site.id
output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
output principalId string = site.identity.principalId
