// Event Grid system topic on the storage account. The subscription that feeds
// NormalizeArticle is created by infra/hooks/postdeploy.* because its webhook
// URL carries the blobs_extension system key, which only exists once the code
// has been deployed and the host has started.

@description('Name of the Event Grid system topic.')
param name string

@description('Azure region (must be the storage account\'s region).')
param location string

@description('Tags applied to the topic.')
param tags object = {}

@description('Name of the storage account whose events the topic publishes.')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = systemTopic.name
output id string = systemTopic.id
