// Alert rules that tell an operator about trouble without digging:
//   - no new article in 24 hours (log alert on Application Insights);
//   - a source failing for more than 6 hours (log alert);
//   - any item set aside as poison (log alert);
//   - any event Event Grid dead-lettered, or dropped (metric alerts on the system topic).
// The log alerts match the message templates the app logs with (the worker sends
// its logs to Application Insights itself, which keeps each template in
// customDimensions.OriginalFormat and each placeholder as a column of its own), so
// they do not depend on the wording of a formatted message. The templates are in
// src/FeedProcessor.Functions/Functions/*.cs and src/FeedProcessor.Core/Processing;
// the infra tests check that each one still appears there.
// An email action group is created only when an address is given.

@description('Azure region of the log alert rules.')
param location string

@description('Tags applied to the alert rules and the action group.')
param tags object = {}

@description('Name prefix of the alert rules and the action group.')
param namePrefix string

@description('Name of the Application Insights component the log alerts query.')
param applicationInsightsName string

@description('Name of the Event Grid system topic whose dead-lettered events are counted.')
param systemTopicName string

@description('Email address that receives the alerts; empty: the rules fire (visible in the portal) but notify nobody.')
param alertEmail string = ''

var notify = !empty(alertEmail)

// Message templates, exactly as the code logs them.
var articleNormalized = 'Normalized {Name} into article {ArticleId} ({SourceId})'
var sourcePolled = '{SourceId}: {Status}, {New} new, {Unchanged} unchanged in {Elapsed}'
var sourceFailed = '{SourceId}: failed in {Elapsed} ({ConsecutiveFailures} in a row, last success {LastSuccess}): {Error}'
var itemPoisoned = 'Raw item {RawName} failed {Attempts} times and was moved to the poison container: {Reason}'

var withTemplate = '| extend Template = tostring(customDimensions["OriginalFormat"])\n'

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource emailGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (notify) {
  name: '${namePrefix}-email'
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'feedproc'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = notify ? [emailGroup.id] : []

var logAlerts = [
  {
    name: '${namePrefix}-no-new-article'
    displayName: 'FeedProcessor: no new article in 24 hours'
    description: 'NormalizeArticle logged no normalized article for 24 hours: every source is quiet or failing, Event Grid stopped delivering, or the app is down. Check /api/health and /api/sources.'
    severity: 2
    evaluationFrequency: 'PT1H'
    windowSize: 'P1D'
    // One row (with 0) when nothing was normalized in the window, none otherwise.
    query: 'traces\n${withTemplate}| where Template == "${articleNormalized}"\n| summarize Articles = count()\n| where Articles == 0'
  }
  {
    name: '${namePrefix}-source-failing'
    displayName: 'FeedProcessor: a source has been failing for more than 6 hours'
    description: 'A source\'s polls fail and it had no successful poll for more than 6 hours (one row per source). See its lastError on /api/sources.'
    severity: 3
    evaluationFrequency: 'PT1H'
    windowSize: 'P1D'
    query: 'traces\n${withTemplate}| where Template in ("${sourceFailed}", "${sourcePolled}")\n| extend SourceId = tostring(customDimensions["SourceId"]), Failed = Template == "${sourceFailed}", LastSuccess = todatetime(customDimensions["LastSuccess"])\n| where Failed or tostring(customDimensions["Status"]) in ("fetched", "not-modified")\n| summarize arg_max(timestamp, Failed), LastOk = maxif(timestamp, not(Failed)), LastSuccess = max(LastSuccess), FirstFailure = minif(timestamp, Failed) by SourceId\n| extend FailingSince = coalesce(LastOk, LastSuccess, FirstFailure)\n| where Failed and FailingSince < ago(6h)\n| project SourceId, FailingSince'
  }
  {
    name: '${namePrefix}-poison-item'
    displayName: 'FeedProcessor: an item was set aside as poison'
    description: 'A raw item failed to normalize three times and was moved to the poison container (one row per item). List and requeue with `feedproc poison list|retry`.'
    severity: 3
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    // Logged as an error with its exception, so it lands in exceptions, not traces.
    query: 'union traces, exceptions\n${withTemplate}| where Template == "${itemPoisoned}"\n| project timestamp, RawName = tostring(customDimensions["RawName"]), Reason = tostring(customDimensions["Reason"])'
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in logAlerts: {
    name: alert.name
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: alert.displayName
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        applicationInsights.id
      ]
      evaluationFrequency: alert.evaluationFrequency
      windowSize: alert.windowSize
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: actionGroups
      }
    }
  }
]

// Event Grid counts on its topic what it could not deliver: dead-lettered events (kept in the deadletter
// container and replayed), and dropped ones (it could not even dead-letter them, e.g. the identity lost its role).
var metricAlerts = [
  {
    name: '${namePrefix}-dead-lettered-event'
    metricName: 'DeadLetteredCount'
    severity: 2
    description: 'Event Grid gave up delivering a blob event to NormalizeArticle and wrote it to the deadletter container. The reconciliation sweep replays it; look for why delivery failed (app down, key rotated).'
  }
  {
    name: '${namePrefix}-dropped-event'
    metricName: 'DroppedEventCount'
    severity: 1
    description: 'Event Grid dropped a blob event: it could neither deliver it nor write it to the deadletter container (check the topic identity\'s role on it). Only the reconciliation sweep can still find the item.'
  }
]

resource metricAlertRules 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for alert in metricAlerts: {
    name: alert.name
    location: 'global'
    tags: tags
    properties: {
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        systemTopic.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: alert.metricName
            metricNamespace: 'Microsoft.EventGrid/systemTopics'
            metricName: alert.metricName
            operator: 'GreaterThan'
            threshold: 0
            timeAggregation: 'Total'
          }
        ]
      }
      autoMitigate: true
      actions: [
        for group in actionGroups: {
          actionGroupId: group
        }
      ]
    }
  }
]

output logAlertNames array = [for (alert, i) in logAlerts: logAlertRules[i].name]
output metricAlertNames array = [for (alert, i) in metricAlerts: metricAlertRules[i].name]
output actionGroupId string = notify ? emailGroup.id : ''
