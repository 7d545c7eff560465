#!/usr/bin/env bash
# The index scale simulation: SOURCES sources publishing ARTICLES articles in a day, ingested into Azurite (blob and
# table) by PROCESSES normalizer processes at once, each delivery at least once and out of order (a tenth twice,
# shuffled), one article at a time as Event Grid hands them to the Functions app; then uncached /api/feed, a filtered
# and a paged request. Prints articles/s, storage requests per article, p50/p99 and peak memory per process. Every 50th
# article after the first hour is a copy of the release published an hour before it, from another source: the walk
# of the whole feed says how many of them the index folded into their original (copiesFolded).
# Usage: tests/perf/scale.sh [ARTICLES=200000] [SOURCES=10000] [PROCESSES=4] [REQUESTS=50]
# FORMER=1 runs the same simulation against the former design, the single index blob `index/feed.json` of the newest
# 1,000 full articles (commit b9f3555), so that both are measured with identical articles, deliveries, processes and
# requests: that code is checked out in a temporary worktree, tests/perf/former-index/simulation.patch adds the same
# simulation commands to its Benchmarks project, and its lines are labelled "former:". It also prints the index
# blob's size and entries after ingest; the former feed has no paging, so its paged request is reported unsupported.
set -euo pipefail
ARTICLES=${1:-200000}
SOURCES=${2:-10000}
PROCESSES=${3:-4}
REQUESTS=${4:-50}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${PERF_WORK:-/tmp/feedproc-scale}
AZURITE=${AZURITE_DIR:-$REPO/.tools/azurite/node_modules/.bin}
mkdir -p "$WORK"
say() { echo "== $*" >&2; }
CLEANUP=()
trap 'for step in "${CLEANUP[@]}"; do eval "$step"; done' EXIT
label() { if [ -n "${FORMER:-}" ]; then sed 's/^/former: /'; else cat; fi; }

if [ -n "${FORMER:-}" ]; then
  FORMER_COMMIT=b9f3555f0116b2bcd830e363ed520540ad385e5f
  SOURCE="$WORK/former/src"
  git -C "$REPO" worktree remove --force "$SOURCE" 2>/dev/null || true
  rm -rf "$WORK/former" && mkdir -p "$WORK/former" && git -C "$REPO" worktree prune
  say "former design: worktree of $FORMER_COMMIT with the simulation patch"
  git -C "$REPO" worktree add --detach -q "$SOURCE" "$FORMER_COMMIT"
  CLEANUP+=("git -C '$REPO' worktree remove --force '$SOURCE'")
  git -C "$SOURCE" apply "$REPO/tests/perf/former-index/simulation.patch"
  OUT="$WORK/former"
else
  SOURCE="$REPO"
  OUT="$WORK"
fi

say "building (Release)"
dotnet build -c Release "$SOURCE/tests/FeedProcessor.Benchmarks" -o "$OUT/bin" -v q -nologo >/dev/null
SIM="$OUT/bin/FeedProcessor.Benchmarks"

BLOB_PORT=$((20000 + RANDOM % 10000)); TABLE_PORT=$((BLOB_PORT + 1))
# Blobs on disk: the former design uploads its whole index blob on every merge, and Azurite's in-memory store keeps
# every upload's blocks until it collects them, past 12 GB in a run of 20,000 articles.
rm -rf "$OUT/blobs" && mkdir -p "$OUT/blobs"
"$AZURITE/azurite-blob" --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --location "$OUT/blobs" --skipApiVersionCheck --loose --silent & BLOB_PID=$!
# Azurite's table service scans the whole table for every query; azurite-partition-index.js makes it read only the
# partitions a query names, as Azure does (see that file). Without it a run past a few thousand articles measures the scan.
# Azurite keeps every entity in its heap: a whole day is about 2 million entities, past Node's default heap limit.
NODE_OPTIONS="--require $REPO/tests/perf/azurite-partition-index.js --max-old-space-size=${AZURITE_HEAP_MB:-16384}" "$AZURITE/azurite-table" --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" --inMemoryPersistence --skipApiVersionCheck --loose --silent & TABLE_PID=$!
# Azurite closes on the first SIGTERM, but its blob process can stay alive with its in-memory store (and a busy core,
# which would disturb the next run); a second SIGTERM ends it.
stop_azurite() {
  kill "$BLOB_PID" "$TABLE_PID" 2>/dev/null || true
  for _ in $(seq 10); do kill -0 "$BLOB_PID" 2>/dev/null || kill -0 "$TABLE_PID" 2>/dev/null || return 0; sleep 0.5; done
  kill "$BLOB_PID" "$TABLE_PID" 2>/dev/null || true
}
CLEANUP=(stop_azurite "${CLEANUP[@]}")
for port in "$BLOB_PORT" "$TABLE_PORT"; do
  for _ in $(seq 120); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
done
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"

say "ingest: $ARTICLES articles of $SOURCES sources by $PROCESSES processes"
START=$(date +%s.%N)
PIDS=()
for part in $(seq 0 $((PROCESSES - 1))); do
  "$SIM" simulate-ingest "$CONNECTION" "$part" "$PROCESSES" "$ARTICLES" "$SOURCES" > "$OUT/ingest.$part.out" &
  PIDS+=($!)
done
for pid in "${PIDS[@]}"; do wait "$pid"; done
END=$(date +%s.%N)
cat "$OUT"/ingest.*.out | label
REQUESTS_TOTAL=$(cat "$OUT"/ingest.*.out | sed -E 's/.*requests=([0-9]+).*/\1/' | paste -sd+ | bc)
echo "articles/s: $(echo "$ARTICLES / ($END - $START)" | bc -l | xargs printf '%.0f')" | label
echo "storage requests per article (deliveries included): $(echo "$REQUESTS_TOTAL / $ARTICLES" | bc -l | xargs printf '%.1f')" | label
COPIES=$(cat "$OUT"/ingest.*.out | sed -E 's/.*copies=([0-9]+).*/\1/' | paste -sd+ | bc)
echo "copies of a release republished an hour later by another source: $COPIES (the walk below says how many were folded)" | label
# The former index holds the newest articles of all processes: checked once every process has finished.
if [ -n "${FORMER:-}" ]; then "$SIM" simulate-index "$CONNECTION" "$ARTICLES" | label; fi

say "serve: $REQUESTS uncached requests each"
"$SIM" simulate-serve "$CONNECTION" "$SOURCES" "$REQUESTS" | label
