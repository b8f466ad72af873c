// Optional Event Hubs namespace whose Kafka endpoint (port 9093) feeds Kafka triggers; Entra ID auth only.
param location string
param tags object
param name string

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard', capacity: 1 }
  properties: {
    kafkaEnabled: true
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

output name string = namespace.name
// serviceBusEndpoint is https://<ns>.servicebus.<cloud suffix>:443/; Kafka listens on the same host at 9093.
output kafkaEndpoint string = '${replace(split(namespace.properties.serviceBusEndpoint, '/')[2], ':443', '')}:9093'
