#!/usr/bin/env pwsh
# azd postdeploy hook for Windows (PowerShell 7); same steps as postdeploy.sh:
#   1. uploads seeds/sources.json to the data account as config/sources.json;
#   2. deploys infra/events.bicep, the second phase of the infrastructure: the
#      Event Grid subscription that delivers Microsoft.Storage.BlobCreated
#      events for raw/ to the NormalizeArticle blob trigger (webhook secured
#      with the blobs_extension system key), with its retry policy and its
#      dead-letter container.
# The subscription cannot be part of `azd provision` (infra/main.bicep): its
# webhook URL needs the blobs_extension key, which the host creates only after
# the code is deployed.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Write-Step([string] $Message) { Write-Host "postdeploy: $Message" }

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    throw 'postdeploy: the Azure CLI (az) is required; see infra/README.md'
}

if (-not $env:AZURE_FUNCTION_APP_NAME -and (Get-Command azd -ErrorAction SilentlyContinue)) {
    foreach ($line in (azd env get-values)) {
        if ($line -match '^(AZURE_[A-Z0-9_]+|FEEDPROCESSOR_[A-Z0-9_]+)="?(.*?)"?$') {
            Set-Item -Path "env:$($Matches[1])" -Value $Matches[2]
        }
    }
}

foreach ($required in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_STORAGE_ACCOUNT_NAME', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if (-not (Get-Item -Path "env:$required" -ErrorAction SilentlyContinue)) {
        throw "postdeploy: $required is not set (run via azd, or set it)"
    }
}

$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
$resourceGroup = $env:AZURE_RESOURCE_GROUP
$appName = $env:AZURE_FUNCTION_APP_NAME
$appHost = if ($env:AZURE_FUNCTION_APP_HOSTNAME) { $env:AZURE_FUNCTION_APP_HOSTNAME } else { "$appName.azurewebsites.net" }
$storageAccount = $env:AZURE_STORAGE_ACCOUNT_NAME
$systemTopic = $env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME
$sourcesBlob = if ($env:FEEDPROCESSOR_SOURCES_BLOB) { $env:FEEDPROCESSOR_SOURCES_BLOB } else { 'config/sources.json' }
$sourcesFile = if ($env:FEEDPROCESSOR_SOURCES_FILE) { $env:FEEDPROCESSOR_SOURCES_FILE } else { Join-Path $repoRoot 'seeds' 'sources.json' }
$subscriptionName = if ($env:FEEDPROCESSOR_EVENT_SUBSCRIPTION) { $env:FEEDPROCESSOR_EVENT_SUBSCRIPTION } else { 'normalize-article-raw' }
$retries = if ($env:FEEDPROCESSOR_HOOK_RETRIES) { [int] $env:FEEDPROCESSOR_HOOK_RETRIES } else { 10 }
$retryDelay = if ($env:FEEDPROCESSOR_HOOK_RETRY_DELAY) { [int] $env:FEEDPROCESSOR_HOOK_RETRY_DELAY } else { 15 }

# ---- 1. sources list ---------------------------------------------------------
if (Test-Path $sourcesFile) {
    $container, $blobName = $sourcesBlob.Split('/', 2)
    Write-Step "uploading $sourcesFile to $storageAccount/$container/$blobName"
    for ($attempt = 1; ; $attempt++) {
        az storage blob upload --auth-mode login --account-name $storageAccount `
            --container-name $container --name $blobName --file $sourcesFile `
            --content-type application/json --overwrite --only-show-errors --output none
        if ($LASTEXITCODE -eq 0) { break }
        if ($attempt -ge $retries) {
            throw "postdeploy: could not upload the sources file (does your identity hold Storage Blob Data Owner/Contributor on $storageAccount? see grantDeployerAccess)"
        }
        Write-Step "upload failed (attempt $attempt/$retries), retrying in ${retryDelay}s"
        Start-Sleep -Seconds $retryDelay
    }
} else {
    Write-Step "no sources file at $sourcesFile; the app keeps the sources.json shipped in its package"
}

# ---- 2. Event Grid subscription -------------------------------------------------
Write-Step "waiting for the blobs_extension system key of $appName"
$blobsKey = ''
for ($attempt = 1; ; $attempt++) {
    $blobsKey = az functionapp keys list --resource-group $resourceGroup --name $appName `
        --query 'systemKeys.blobs_extension' --output tsv 2>$null
    if ($LASTEXITCODE -eq 0 -and $blobsKey) { break }
    if ($attempt -ge $retries) {
        throw "postdeploy: no blobs_extension system key on $appName; is NormalizeArticle deployed with Source = EventGrid?"
    }
    try { Invoke-WebRequest -Uri "https://$appHost/api/health" -TimeoutSec 30 -SkipHttpErrorCheck | Out-Null } catch { }
    Write-Step "key not there yet (attempt $attempt/$retries), retrying in ${retryDelay}s"
    Start-Sleep -Seconds $retryDelay
}

# The key goes to az in a parameters file, never on a command line (which other
# local users can see) nor in the deployment history (a @secure() parameter).
$parametersFile = New-TemporaryFile
try {
    if (-not $IsWindows) { & chmod 600 $parametersFile.FullName }
    @{
        '$schema'      = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#'
        contentVersion = '1.0.0.0'
        parameters     = @{
            systemTopicName     = @{ value = $systemTopic }
            storageAccountName  = @{ value = $storageAccount }
            functionAppHostName = @{ value = $appHost }
            subscriptionName    = @{ value = $subscriptionName }
            blobsExtensionKey   = @{ value = $blobsKey }
        }
    } | ConvertTo-Json -Depth 5 | Set-Content -Path $parametersFile.FullName -Encoding utf8NoBOM

    # A deployment is a create-or-replace (PUT): running it again refreshes the
    # endpoint (for instance after the system key was rotated), the filters, the
    # retry policy and the dead-letter destination.
    Write-Step "deploying the Event Grid subscription $subscriptionName on $systemTopic (infra/events.bicep)"
    az deployment group create `
        --resource-group $resourceGroup `
        --name feedprocessor-events `
        --template-file (Join-Path $repoRoot 'infra' 'events.bicep') `
        --parameters "@$($parametersFile.FullName)" `
        --only-show-errors `
        --output none
    if ($LASTEXITCODE -ne 0) { throw 'postdeploy: deploying the Event Grid subscription (infra/events.bicep) failed' }
}
finally {
    Remove-Item -Path $parametersFile.FullName -Force -ErrorAction SilentlyContinue
}

Write-Step "Event Grid subscription $subscriptionName is in place; undeliverable events go to the deadletter container"
Write-Step "feed: https://$appHost/api/feed"
