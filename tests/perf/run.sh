#!/usr/bin/env bash
# Reproduces the whole-process figures of the README's Performance section on this machine, as ratios against what a
# user would run instead: CodeHollow.FeedReader for parsing, nginx serving the same bytes for the feed.
# Needs: the .NET 10 SDK, nginx, wrk, python3, /usr/bin/time (Debian: apt-get install -y nginx wrk python3 time bc curl).
# Usage: tests/perf/run.sh [RUNS=3]     Work files go to ${PERF_WORK:-/tmp/feedproc-perf}.
set -euo pipefail
RUNS=${1:-3}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${PERF_WORK:-/tmp/feedproc-perf}
BIN=$WORK/bin
mkdir -p "$WORK" "$BIN"
SUMMARY=()
say() { echo "== $*" >&2; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

say "building (Release)"
dotnet build -c Release "$REPO/src/FeedProcessor.Cli" -o "$BIN/feedproc" -v q -nologo >/dev/null
dotnet build -c Release "$REPO/tests/FeedProcessor.Benchmarks" -o "$BIN/benchmarks" -v q -nologo >/dev/null
dotnet build -c Release "$REPO/tests/perf/CodeHollowBaseline" -o "$BIN/codehollow" -v q -nologo >/dev/null
dotnet publish -c Release "$REPO/src/FeedProcessor.Cli" -o "$BIN/feedproc-published" -v q -nologo >/dev/null   # ReadyToRun
FEEDPROC=$BIN/feedproc/feedproc
GENERATE="$BIN/benchmarks/FeedProcessor.Benchmarks generate"

# ---- Parsing: 50,000 items, ~85 MB, alternately ----------------------------------------------------------------------
LARGE=$WORK/large.xml
[ -f "$LARGE" ] || $GENERATE "$LARGE" 50000
say "parse: $(du -m "$LARGE" | cut -f1) MB, $RUNS alternating runs each"
: > "$WORK/fp.times"; : > "$WORK/ch.times"
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" -a -o "$WORK/fp.times" "$FEEDPROC" parse "$LARGE" > "$WORK/fp.out"
  /usr/bin/time -f "%e %M" -a -o "$WORK/ch.times" "$BIN/codehollow/CodeHollowBaseline" "$LARGE" > "$WORK/ch.out"
done
python3 -c "import json,sys; l=open(sys.argv[1]).readline(); d=json.loads(l); assert d['ok'] and len(d['articles'])==50000, 'feedproc parse lost items'" "$WORK/fp.out"
FP_S=$(cut -d' ' -f1 "$WORK/fp.times" | median); FP_KB=$(cut -d' ' -f2 "$WORK/fp.times" | sort -g | tail -1)
CH_S=$(cut -d' ' -f1 "$WORK/ch.times" | median); CH_KB=$(cut -d' ' -f2 "$WORK/ch.times" | sort -g | tail -1)
SUMMARY+=("parse 50k items: feedproc ${FP_S}s / CodeHollow ${CH_S}s = $(echo "scale=2; $FP_S/$CH_S" | bc)x (goal <= 1.0); peak RSS feedproc $((FP_KB/1024)) MiB (goal <= 256), CodeHollow $((CH_KB/1024)) MiB")

# ---- Start-up: a common feed of 20 items, where the process's fixed cost is most of the time -------------------------
SMALL=$WORK/small.xml
$GENERATE "$SMALL" 20
say "start-up: parse of 20 items, median of 5 runs each"
startup() { for _ in 1 2 3 4 5; do /usr/bin/time -f "%e" -a -o "$WORK/startup.$1" "${@:2}" "$SMALL" > /dev/null; done; median < "$WORK/startup.$1"; }
rm -f "$WORK"/startup.*
SUMMARY+=("parse 20 items, whole process: feedproc $(startup build "$FEEDPROC" parse)s, published (ReadyToRun) $(startup r2r "$BIN/feedproc-published/feedproc" parse)s, CodeHollow $(startup ch "$BIN/codehollow/CodeHollowBaseline")s")

# ---- Ingesting: 20 loopback sources x 1,000 new items ------------------------------------------------------------------
say "ingest: 20 sources x 1,000 items over loopback"
SITE=$WORK/site; STORE=$WORK/store
rm -rf "$SITE" "$STORE"; mkdir -p "$SITE"
PORT_STATIC=18080; PORT_API=18081
sources='{"sources":['
for i in $(seq 0 19); do
  $GENERATE "$SITE/s$i.xml" 1000 $((i * 1000))
  sources+="{\"id\":\"s$i\",\"title\":\"Source $i\",\"url\":\"http://127.0.0.1:$PORT_STATIC/s$i.xml\"}"
  [ "$i" -lt 19 ] && sources+=','
done
echo "$sources]}" > "$WORK/sources.json"
sed "s|@ROOT@|$SITE|; s|@PORT@|$PORT_STATIC|; s|@PREFIX@|$WORK|" "$REPO/tests/perf/nginx.conf" > "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX=$!
trap 'kill $NGINX 2>/dev/null || true; [ -n "${API:-}" ] && kill $API 2>/dev/null; [ -n "${SLOW:-}" ] && kill $SLOW 2>/dev/null || true' EXIT
sleep 1
/usr/bin/time -f "%e %M" -o "$WORK/ingest.times" "$FEEDPROC" poll --once --sources "$WORK/sources.json" --store "$STORE" --allow-private-network > "$WORK/ingest.out"
ARTICLES=$(find "$STORE" -path '*articles*' -name '*.json' | wc -l)
read -r IN_S IN_KB < "$WORK/ingest.times"
SUMMARY+=("ingest 20x1,000 items: ${IN_S}s (goal <= 60), ${ARTICLES} article blobs, peak RSS $((IN_KB/1024)) MiB")
say "unchanged poll cycle"
/usr/bin/time -f "%e" -o "$WORK/poll.times" "$FEEDPROC" poll --once --sources "$WORK/sources.json" --store "$STORE" --allow-private-network > "$WORK/poll.out"
SUMMARY+=("unchanged cycle of 20 sources: $(cat "$WORK/poll.times")s, statuses: $(awk 'NR>1 {print $2}' "$WORK/poll.out" | sort | uniq -c | xargs)")

# ---- Polling: 200 sources behind a server that answers after 200 ms ---------------------------------------------------
SLOW_SOURCES=200; SLOW_DELAY=0.2; CONCURRENCY=16; PORT_SLOW=18082
say "polling: $SLOW_SOURCES sources answering after ${SLOW_DELAY}s, --concurrency $CONCURRENCY"
python3 "$REPO/tests/perf/slow_server.py" $PORT_SLOW $SLOW_DELAY &
SLOW=$!
sources='{"sources":['
for i in $(seq 1 $SLOW_SOURCES); do
  # 127.0.0.1 ... 127.0.0.200 are 200 hosts, as 200 ministries are 200 sites: the per-host limit never binds.
  sources+="{\"id\":\"slow$i\",\"title\":\"Slow $i\",\"url\":\"http://127.0.0.$i:$PORT_SLOW/feed.xml\"}"
  [ "$i" -lt $SLOW_SOURCES ] && sources+=','
done
echo "$sources]}" > "$WORK/slow-sources.json"
rm -rf "$WORK/slow-store"
sleep 1
slow_poll() {
  /usr/bin/time -f "%e" -o "$WORK/slow.time" "$FEEDPROC" poll --once --sources "$WORK/slow-sources.json" --store "$WORK/slow-store" \
    --allow-private-network --concurrency $CONCURRENCY > "$WORK/slow.out" 2> "$WORK/slow.err"
  echo "polling $(grep -o 'Polled [0-9]* sources in [0-9.]*s' "$WORK/slow.err" | awk '{print $5}'), process $(cat "$WORK/slow.time")s ($(awk 'NR>1 {print $2}' "$WORK/slow.out" | sort | uniq -c | xargs))"
}
IDEAL=$(python3 -c "import math; print(round(math.ceil($SLOW_SOURCES / $CONCURRENCY) * $SLOW_DELAY, 2))")
FIRST=$(slow_poll); SECOND=$(slow_poll)
kill $SLOW 2>/dev/null || true
SUMMARY+=("poll $SLOW_SOURCES sources at ${SLOW_DELAY}s latency, concurrency $CONCURRENCY (ideal ceil($SLOW_SOURCES/$CONCURRENCY) x ${SLOW_DELAY}s = ${IDEAL}s), first cycle: $FIRST; unchanged cycle: $SECOND")

# ---- Serving: GET /api/feed vs nginx serving the same bytes ----------------------------------------------------------
say "serving: wrk -c32 against feedproc run and nginx"
"$FEEDPROC" run --sources "$WORK/sources.json" --store "$STORE" --port $PORT_API --interval 24:00:00 --allow-private-network 2> "$WORK/run.err" &
API=$!
for _ in $(seq 60); do curl -sf -o "$SITE/feed.xml" "http://127.0.0.1:$PORT_API/api/feed" && break; sleep 1; done
ETAG=$(curl -sf -D - -o /dev/null "http://127.0.0.1:$PORT_API/api/feed" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}')
rps() { wrk -t2 -c32 -d"${WRK_SECONDS:-10}"s "$@" | awk '/Requests\/sec/ {print $2}'; }
API_RPS=$(rps "http://127.0.0.1:$PORT_API/api/feed")
NGINX_RPS=$(rps "http://127.0.0.1:$PORT_STATIC/feed.xml")
API_304=$(rps -H "If-None-Match: $ETAG" "http://127.0.0.1:$PORT_API/api/feed")
SUMMARY+=("serve /api/feed ($(stat -c %s "$SITE/feed.xml") bytes): feedproc ${API_RPS} req/s, nginx ${NGINX_RPS} req/s = $(echo "scale=2; $API_RPS/$NGINX_RPS" | bc)x (goal >= 0.5)")
SUMMARY+=("serve 304 (If-None-Match): ${API_304} req/s = $(echo "scale=2; $API_304/$NGINX_RPS" | bc)x nginx's 200 (goal >= 1.0)")

echo; echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${SUMMARY[@]}"
