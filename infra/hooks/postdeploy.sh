#!/usr/bin/env bash
# azd postdeploy hook (also safe to run by hand, any number of times):
#   1. uploads seeds/sources.json to the data account as config/sources.json;
#   2. deploys infra/events.bicep, the second phase of the infrastructure: the
#      Event Grid subscription that delivers Microsoft.Storage.BlobCreated
#      events for raw/ to the NormalizeArticle blob trigger (webhook secured
#      with the blobs_extension system key), with its retry policy and its
#      dead-letter container.
# The subscription cannot be part of `azd provision` (infra/main.bicep): its
# webhook URL needs the blobs_extension key, which the host creates only after
# the code is deployed.
#
# Inputs come from the azd environment (infra/main.bicep outputs). Outside azd,
# the values are read with `azd env get-values` when azd is installed, or can
# be exported by hand: AZURE_RESOURCE_GROUP, AZURE_FUNCTION_APP_NAME,
# AZURE_STORAGE_ACCOUNT_NAME, AZURE_EVENTGRID_SYSTEM_TOPIC_NAME.

# azure.yaml runs this with `sh`; re-run under bash for arrays and pipefail.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail

log() { printf 'postdeploy: %s\n' "$*"; }
fail() { printf 'postdeploy: ERROR: %s\n' "$*" >&2; exit 1; }

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is required; see infra/README.md"

if [ -z "${AZURE_FUNCTION_APP_NAME:-}" ] && command -v azd >/dev/null 2>&1; then
  while IFS='=' read -r key value; do
    case "$key" in
      AZURE_*|FEEDPROCESSOR_*) value="${value#\"}"; value="${value%\"}"; export "$key=$value" ;;
    esac
  done < <(azd env get-values 2>/dev/null || true)
fi

for required in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME AZURE_STORAGE_ACCOUNT_NAME AZURE_EVENTGRID_SYSTEM_TOPIC_NAME; do
  [ -n "${!required:-}" ] || fail "$required is not set (run via azd, or export it)"
done

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"

resource_group="$AZURE_RESOURCE_GROUP"
app_name="$AZURE_FUNCTION_APP_NAME"
app_host="${AZURE_FUNCTION_APP_HOSTNAME:-${app_name}.azurewebsites.net}"
storage_account="$AZURE_STORAGE_ACCOUNT_NAME"
system_topic="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"
sources_blob="${FEEDPROCESSOR_SOURCES_BLOB:-config/sources.json}"
sources_file="${FEEDPROCESSOR_SOURCES_FILE:-$repo_root/seeds/sources.json}"
subscription_name="${FEEDPROCESSOR_EVENT_SUBSCRIPTION:-normalize-article-raw}"
retries="${FEEDPROCESSOR_HOOK_RETRIES:-10}"
retry_delay="${FEEDPROCESSOR_HOOK_RETRY_DELAY:-15}"

# ---- 1. sources list --------------------------------------------------------
# Role assignments made by `azd provision` can take a few minutes to apply, so
# the upload is retried.
if [ -f "$sources_file" ]; then
  container="${sources_blob%%/*}"
  blob_name="${sources_blob#*/}"
  log "uploading $sources_file to $storage_account/$container/$blob_name"
  attempt=1
  until az storage blob upload \
      --auth-mode login \
      --account-name "$storage_account" \
      --container-name "$container" \
      --name "$blob_name" \
      --file "$sources_file" \
      --content-type application/json \
      --overwrite \
      --only-show-errors \
      --output none; do
    [ "$attempt" -lt "$retries" ] || fail "could not upload the sources file (does your identity hold Storage Blob Data Owner/Contributor on $storage_account? see grantDeployerAccess)"
    log "upload failed (attempt $attempt/$retries), retrying in ${retry_delay}s"
    attempt=$((attempt + 1))
    sleep "$retry_delay"
  done
else
  log "no sources file at $sources_file; the app keeps the sources.json shipped in its package"
fi

# ---- 2. Event Grid subscription ----------------------------------------------
# The blobs_extension key appears once the host has started with the
# EventGrid-sourced blob trigger; a request to the app wakes it up.
log "waiting for the blobs_extension system key of $app_name"
attempt=1
blobs_key=""
while :; do
  blobs_key="$(az functionapp keys list \
      --resource-group "$resource_group" \
      --name "$app_name" \
      --query "systemKeys.blobs_extension" \
      --output tsv 2>/dev/null || true)"
  [ -n "$blobs_key" ] && break
  [ "$attempt" -lt "$retries" ] || fail "no blobs_extension system key on $app_name; is NormalizeArticle deployed with Source = EventGrid?"
  if command -v curl >/dev/null 2>&1; then
    curl --silent --output /dev/null --max-time 30 "https://${app_host}/api/health" || true
  fi
  log "key not there yet (attempt $attempt/$retries), retrying in ${retry_delay}s"
  attempt=$((attempt + 1))
  sleep "$retry_delay"
done

# The key goes to az in a parameters file readable only by this user, never on a
# command line (which other local users can see) nor in the deployment history
# (it is a @secure() parameter).
parameters_file="$(umask 077 && mktemp "${TMPDIR:-/tmp}/feedprocessor-events.XXXXXX")"
trap 'rm -f "$parameters_file"' EXIT
cat >"$parameters_file" <<JSON
{
  "\$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "systemTopicName": { "value": "${system_topic}" },
    "storageAccountName": { "value": "${storage_account}" },
    "functionAppHostName": { "value": "${app_host}" },
    "subscriptionName": { "value": "${subscription_name}" },
    "blobsExtensionKey": { "value": "${blobs_key}" }
  }
}
JSON

# A deployment is a create-or-replace (PUT): running it again refreshes the
# endpoint (for instance after the system key was rotated), the filters, the
# retry policy and the dead-letter destination.
log "deploying the Event Grid subscription $subscription_name on $system_topic (infra/events.bicep)"
az deployment group create \
  --resource-group "$resource_group" \
  --name feedprocessor-events \
  --template-file "$repo_root/infra/events.bicep" \
  --parameters "@$parameters_file" \
  --only-show-errors \
  --output none

log "Event Grid subscription $subscription_name is in place; undeliverable events go to the deadletter container"
log "feed: https://${app_host}/api/feed"
