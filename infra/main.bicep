// FeedProcessor infrastructure: one resource group holding a Flex Consumption
// function app, its storage account, monitoring, a user-assigned managed
// identity, role assignments, the Event Grid system topic that drives the
// NormalizeArticle blob trigger, and alert rules. Deployed with `azd up`; the
// Event Grid subscription itself is the second phase, infra/events.bicep, which
// the postdeploy hook deploys once the app's webhook key exists. See
// infra/README.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group rg-<environmentName> and seeds the unique resource token.')
param environmentName string

@minLength(1)
@description('Azure region for all resources (it must offer Flex Consumption).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@minLength(11)
@maxLength(100)
@description('NCRONTAB schedule of the PollFeeds timer: six fields (second minute hour day month day-of-week), evaluated in UTC.')
param pollSchedule string = '0 */15 * * * *'

@minValue(1)
@maxValue(1000)
@description('Upper bound on Flex Consumption instances; a low cap bounds the cost of a runaway scale-out.')
param maximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
@description('Memory per Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(3650)
@description('Blobs under raw/ are deleted by a lifecycle rule this many days after their last modification.')
param rawRetentionDays int = 14

@minValue(1)
@maxValue(3650)
@description('Articles are kept this many days by publication date: older ones leave the index and the archive (articles/), the app sweeping both and a lifecycle rule deleting what it missed a day later.')
param articleRetentionDays int = 90

@minLength(1)
@description('Contact URL the app publishes (User-Agent and pages); point it at the repository or an operator page.')
param contactUrl string = 'https://github.com/your-org/FeedProcessor'

@description('Grant the identity running the deployment the same data roles as the app (needed by the postdeploy hook and for local runs against the cloud account). Set false when a pipeline service principal deploys.')
param grantDeployerAccess bool = true

@description('Email address that receives the alerts (no new article in 24 hours, a source failing for 6 hours, a poison item, a dead-lettered event). Empty: the alert rules still fire and show in the portal, but notify nobody.')
param alertEmail string = ''

@allowed([
  false
])
@description('Reserved for private networking (VNet integration + storage private endpoints). Not implemented yet: only false is accepted, so a deployment asking for it fails fast instead of silently deploying a public app.')
param vnetEnabled bool = false

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'feedprocessor'
}

var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var systemTopicName = '${abbrs.eventGridSystemTopics}${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
// Event Grid writes the events it could not deliver here (infra/events.bicep).
var deadLetterContainerName = 'deadletter'
var dataContainerNames = [
  'raw'
  'articles'
  'state'
  'index'
  'poison'
  'config'
  deadLetterContainerName
]
var sourcesBlob = 'config/sources.json'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    dataContainerNames: dataContainerNames
    rawRetentionDays: rawRetentionDays
    articleRetentionDays: articleRetentionDays
    vnetEnabled: vnetEnabled
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    identityName: identityName
    deployerPrincipalId: grantDeployerAccess ? deployer().objectId : ''
    grantDeployerAccess: grantDeployerAccess
  }
  dependsOn: [
    identity
    storage
    monitoring
  ]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    pollSchedule: pollSchedule
    contactUrl: contactUrl
    sourcesBlob: sourcesBlob
    articleRetentionDays: articleRetentionDays
  }
  dependsOn: [
    storage
    monitoring
  ]
}

module eventGrid 'app/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: systemTopicName
    location: location
    tags: tags
    storageAccountName: storageAccountName
    deadLetterContainerName: deadLetterContainerName
  }
  dependsOn: [
    storage
  ]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    namePrefix: 'alert-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    systemTopicName: systemTopicName
    alertEmail: alertEmail
  }
  dependsOn: [
    monitoring
    eventGrid
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = api.outputs.defaultHostName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output AZURE_DEADLETTER_CONTAINER_NAME string = deadLetterContainerName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_NAME string = monitoring.outputs.logAnalyticsName
output FEEDPROCESSOR_SOURCES_BLOB string = sourcesBlob
output SERVICE_API_URI string = 'https://${api.outputs.defaultHostName}/api/'
output FEED_URL string = 'https://${api.outputs.defaultHostName}/api/feed'
