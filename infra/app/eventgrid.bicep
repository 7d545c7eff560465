// Event Grid system topic on the storage account. The subscription that feeds
// NormalizeArticle is a second-phase deployment (infra/events.bicep), run by
// infra/hooks/postdeploy.* because its webhook URL carries the blobs_extension
// system key, which only exists once the code has been deployed and the host
// has started.
//
// The topic has a system-assigned identity: the subscription writes events it
// could not deliver into the dead-letter container with it, so no key or SAS
// is involved. That identity may write blobs in that one container only.

@description('Name of the Event Grid system topic.')
param name string

@description('Azure region (must be the storage account\'s region).')
param location string

@description('Tags applied to the topic.')
param tags object = {}

@description('Name of the storage account whose events the topic publishes.')
param storageAccountName string

@description('Blob container (in the same account) that receives dead-lettered events.')
param deadLetterContainerName string

// Built-in role definition id (identical in every tenant).
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::deadLetterContainer.id, systemTopic.id, storageBlobDataContributor)
  scope: storage::blobService::deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = systemTopic.name
output id string = systemTopic.id
output principalId string = systemTopic.identity.principalId
