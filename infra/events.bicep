// Second-phase deployment: the Event Grid subscription that delivers
// Microsoft.Storage.BlobCreated events for raw/ to the NormalizeArticle blob
// trigger. It cannot be part of main.bicep: the webhook URL carries the
// blobs_extension system key, which the Functions host creates only after the
// code is deployed. infra/hooks/postdeploy.* reads the key and deploys this
// template into the resource group that main.bicep created:
//
//   az deployment group create -g <rg> --template-file infra/events.bicep \
//     --parameters @<file with systemTopicName, storageAccountName, functionAppHostName, blobsExtensionKey>
//
// Events Event Grid could not deliver within the retry policy are written to the
// dead-letter container with the system topic's managed identity (see
// infra/app/eventgrid.bicep for its role), so none is lost silently.
targetScope = 'resourceGroup'

@description('Name of the Event Grid system topic on the storage account (main.bicep output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME).')
param systemTopicName string

@description('Name of the storage account (main.bicep output AZURE_STORAGE_ACCOUNT_NAME); it holds the dead-letter container.')
param storageAccountName string

@description('Default host name of the function app, e.g. func-abc.azurewebsites.net (main.bicep output AZURE_FUNCTION_APP_HOSTNAME).')
param functionAppHostName string

@secure()
@minLength(1)
@description('The function app\'s blobs_extension system key; it authenticates Event Grid to the blob trigger webhook.')
param blobsExtensionKey string

@description('Name of the event subscription.')
param subscriptionName string = 'normalize-article-raw'

@description('Blob container that receives events Event Grid gave up on (created by main.bicep).')
param deadLetterContainerName string = 'deadletter'

@minValue(1)
@maxValue(30)
@description('Delivery attempts before an event is dead-lettered.')
param maxDeliveryAttempts int = 30

@minValue(1)
@maxValue(1440)
@description('Minutes Event Grid keeps retrying an event before it is dead-lettered.')
param eventTimeToLiveInMinutes int = 1440

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource normalizeArticle 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: subscriptionName
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The URL is built from the secure key parameter, so it stays secure: it reaches only the resource
        // provider (deployment history keeps no secure parameter, and Event Grid never returns the query string).
        #disable-next-line use-secure-value-for-secure-inputs
        endpointUrl: 'https://${functionAppHostName}/runtime/webhooks/blobs?functionName=Host.Functions.NormalizeArticle&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/raw/'
      // Only completed writes, not intermediate block uploads.
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.api'
          values: [
            'PutBlob'
            'PutBlockList'
            'CopyBlob'
            'FlushWithClose'
          ]
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output subscriptionName string = normalizeArticle.name
output deadLetterContainerName string = deadLetterContainerName
