#!/usr/bin/env bash
# The index scale simulation: SOURCES sources publishing ARTICLES articles in a day, ingested into Azurite (blob and
# table) by PROCESSES normalizer processes at once, each delivery at least once and out of order (a tenth twice,
# shuffled), one article at a time as Event Grid hands them to the Functions app; then uncached /api/feed, a filtered
# and a paged request. Prints articles/s, storage requests per article, p50/p99 and peak memory per process.
# Usage: tests/perf/scale.sh [ARTICLES=200000] [SOURCES=10000] [PROCESSES=4] [REQUESTS=50]
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

say "building (Release)"
dotnet build -c Release "$REPO/tests/FeedProcessor.Benchmarks" -o "$WORK/bin" -v q -nologo >/dev/null
SIM="$WORK/bin/FeedProcessor.Benchmarks"

BLOB_PORT=$((20000 + RANDOM % 10000)); TABLE_PORT=$((BLOB_PORT + 1))
"$AZURITE/azurite-blob" --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --inMemoryPersistence --skipApiVersionCheck --loose --silent & BLOB_PID=$!
# Azurite's table service scans the whole table for every query; azurite-partition-index.js makes it read only the
# partitions a query names, as Azure does (see that file). Without it a run past a few thousand articles measures the scan.
NODE_OPTIONS="--require $REPO/tests/perf/azurite-partition-index.js" "$AZURITE/azurite-table" --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" --inMemoryPersistence --skipApiVersionCheck --loose --silent & TABLE_PID=$!
trap 'kill $BLOB_PID $TABLE_PID 2>/dev/null || true' EXIT
for port in "$BLOB_PORT" "$TABLE_PORT"; do
  for _ in $(seq 120); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
done
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"

say "ingest: $ARTICLES articles of $SOURCES sources by $PROCESSES processes"
START=$(date +%s.%N)
PIDS=()
for part in $(seq 0 $((PROCESSES - 1))); do
  "$SIM" simulate-ingest "$CONNECTION" "$part" "$PROCESSES" "$ARTICLES" "$SOURCES" > "$WORK/ingest.$part.out" &
  PIDS+=($!)
done
for pid in "${PIDS[@]}"; do wait "$pid"; done
END=$(date +%s.%N)
cat "$WORK"/ingest.*.out
REQUESTS_TOTAL=$(cat "$WORK"/ingest.*.out | sed -E 's/.*requests=([0-9]+).*/\1/' | paste -sd+ | bc)
echo "articles/s: $(echo "$ARTICLES / ($END - $START)" | bc -l | xargs printf '%.0f')"
echo "storage requests per article (deliveries included): $(echo "$REQUESTS_TOTAL / $ARTICLES" | bc -l | xargs printf '%.1f')"

say "serve: $REQUESTS uncached requests each"
"$SIM" simulate-serve "$CONNECTION" "$SOURCES" "$REQUESTS"
