#!/usr/bin/env bash
# Makes the Bicep CLI available offline and checks the infrastructure:
#   - restores tests/FeedProcessor.Infra.Tests, whose PackageDownload of
#     Azure.Bicep.CommandLine.linux-x64 puts the binary in the NuGet cache;
#   - builds and lints infra/main.bicep (modules included) and the second-phase
#     infra/events.bicep, and fails on any error or warning, judged by the exit
#     code and by the printed diagnostics;
#   - prints the binary's path on stdout (everything else goes to stderr), so
#     `BICEP="$(.ci/bicep.sh)"` works. Idempotent; safe to run repeatedly.
# BICEP_PATH, when set to an executable, is used instead of the NuGet package.
set -euo pipefail

BICEP_VERSION="0.49.2"
PACKAGE_ID="azure.bicep.commandline.linux-x64"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
test_project="$repo_root/tests/FeedProcessor.Infra.Tests/FeedProcessor.Infra.Tests.csproj"
templates=("$repo_root/infra/main.bicep" "$repo_root/infra/events.bicep")

log() { printf 'bicep.sh: %s\n' "$*" >&2; }
fail() { printf 'bicep.sh: ERROR: %s\n' "$*" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bicep="${BICEP_PATH:-}"
if [ -z "$bicep" ]; then
  [ -f "$test_project" ] || fail "missing $test_project (it carries the PackageDownload of $PACKAGE_ID $BICEP_VERSION)"
  log "restoring $PACKAGE_ID $BICEP_VERSION through $(basename "$test_project")"
  dotnet restore "$test_project" --verbosity quiet >&2 || fail "dotnet restore failed"
  package_root="$(dotnet msbuild "$test_project" -getProperty:NuGetPackageRoot 2>/dev/null | tr -d '\r' | tail -n 1 || true)"
  [ -n "$package_root" ] || package_root="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  bicep="${package_root%/}/$PACKAGE_ID/$BICEP_VERSION/tools/bicep"
fi

[ -f "$bicep" ] || fail "Bicep CLI not found at $bicep"
[ -x "$bicep" ] || chmod +x "$bicep" || fail "cannot make $bicep executable"

version_line="$("$bicep" --version 2>&1)" || fail "$bicep does not run: $version_line"
log "$version_line"

# Diagnostics look like: <file>(line,col) : Warning|Error <code>: <message>
diagnostic_pattern=' : (Warning|Error) '

check() {
  local what="$1"; shift
  local output status=0
  output="$("$@" 2>&1)" || status=$?
  if [ "$status" -ne 0 ] || grep -Eq "$diagnostic_pattern" <<<"$output"; then
    printf '%s\n' "$output" >&2
    fail "bicep $what reported problems (exit code $status)"
  fi
  log "bicep $what: clean"
}

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

for template in "${templates[@]}"; do
  name="$(basename "$template" .bicep)"
  check "build $name" "$bicep" build "$template" --outfile "$work_dir/$name.json" --no-restore
  check "lint $name" "$bicep" lint "$template" --no-restore
done

printf '%s\n' "$bicep"
