// Flex Consumption plan + the FeedProcessor function app (one app per plan).
// Identity-only: every connection uses the user-assigned managed identity;
// there are no keys or key-bearing connection strings.

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan; the app additionally gets azd-service-name.')
param tags object = {}

@description('azd service name (azure.yaml services key).')
param serviceName string = 'api'

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Name of the storage account (host storage, data and deployment package).')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on the number of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('NCRONTAB (6 fields, UTC) schedule of the PollFeeds timer.')
param pollSchedule string

@description('Contact URL the app sends in its User-Agent and shows on its pages.')
param contactUrl string

@description('Blob (container/name) in the data account holding the feed source list.')
param sourcesBlob string

@minValue(1)
@maxValue(3650)
@description('Days articles stay in the index and the archive (FeedProcessor__RetentionDays).')
param articleRetentionDays int = 90

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Host storage and the app's data connection, identity-based; the
// AzureWebJobsStorage/FeedStorage prefixes are the binding "Connection" names.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    FeedStorage__credential: 'managedidentity'
    FeedStorage__clientId: identityClientId
    FeedStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    FeedStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    FeedStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    PollSchedule: pollSchedule
    // The reconciliation sweep: raw items Event Grid missed, dead letters, interrupted merges.
    ReconcileSchedule: '0 */5 * * * *'
    FeedProcessor__AllowPrivateNetwork: 'false'
    FeedProcessor__ContactUrl: contactUrl
    FeedProcessor__SourcesBlob: sourcesBlob
    FeedProcessor__RetentionDays: string(articleRetentionDays)
    // Links in feeds and pages are built from this, never from a request's Host or X-Forwarded-* headers.
    FeedProcessor__PublicUrl: 'https://${site.properties.defaultHostName}'
  }
}

// No publishing with user/site credentials: deploys go through Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
output planName string = plan.name
