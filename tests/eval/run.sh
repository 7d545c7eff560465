#!/usr/bin/env bash
# Article extraction, ours next to Mozilla Readability's, on Readability's own test pages.
# Usage: tests/eval/run.sh [PAGES_FOLDER]   (default: ../shared/eval/readability-test-pages next to the checkout)
# Needs .NET and Node 20 with npm; installs @mozilla/readability 0.6.0 and jsdom 20.0.2 into .tools/eval.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
pages=${1:-}
if [[ -z $pages ]]; then
  for candidate in "$root/../shared/eval/readability-test-pages" "$root/../../shared/eval/readability-test-pages"; do
    [[ -d $candidate ]] && pages=$(cd "$candidate" && pwd) && break
  done
fi
[[ -d ${pages:-} ]] || { echo "eval: no pages folder; pass it as the first argument" >&2; exit 2; }

tools=$root/.tools/eval
if [[ ! -d $tools/node_modules/@mozilla/readability || ! -d $tools/node_modules/jsdom ]]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent @mozilla/readability@0.6.0 jsdom@20.0.2 >&2
fi

dotnet build "$root/src/FeedProcessor.Cli" -c Release -v quiet -nologo >&2
ours=$tools/ours.ndjson
# One process reads every page, as `feedproc parse` reads saved pages for users.
find "$pages" -mindepth 2 -maxdepth 2 -name source.html | sort \
  | xargs dotnet "$root/src/FeedProcessor.Cli/bin/Release/net10.0/feedproc.dll" parse --kind html > "$ours"
node "$root/tests/eval/compare.cjs" "$pages" "$ours" "$tools"
