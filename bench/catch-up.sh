#!/usr/bin/env bash
# How fast the catalog applies what was acknowledged, as recorded in docs/benchmarks.md: starts
# Custodian on a fresh embedded store, posts 4,000 generated events (seed 7) through the batch
# endpoint and waits until the catalog and the search index have caught up, then posts 8,000 more
# (seed 42, 2,000 datasets; 100 events per request, 8 connections) and reports the rate they were
# accepted at, how long catching up took after the last was acknowledged, and the events applied per
# second from the first post to caught up. The batch endpoint takes events faster than the catalog
# applies them, so the last figure measures applying with everything derived from it.
#
#   bench/catch-up.sh                          # the build in server/target
#   JAR=/tmp/other/custodian.jar bench/catch-up.sh   # another build, to compare in one session
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/ingest-common.sh

[ -f "$OUT/warm.jsonl" ] || java -jar "$OUT/loadgen/target/ingest-bench.jar" --seed 7 --datasets 2000 \
  --events 4000 --out "$OUT/warm.jsonl" > /dev/null
[ -f "$OUT/events.jsonl" ] || java -jar "$OUT/loadgen/target/ingest-bench.jar" --seed 42 --datasets 2000 \
  --events 8000 --out "$OUT/events.jsonl" > /dev/null
rm -rf "$OUT/data"
start_server "$OUT/data"
java bench/BatchPoster.java "http://127.0.0.1:$PORT" "Bearer $KEY" "$OUT/warm.jsonl" 100 8 > /dev/null
echo "warm-up: $(caught_up)"
began=$(date +%s.%N)
java bench/BatchPoster.java "http://127.0.0.1:$PORT" "Bearer $KEY" "$OUT/events.jsonl" 100 8
caught_up
ended=$(date +%s.%N)
stop_server
python3 -c "t = $ended - $began; print(f'8,000 events from the first post to caught up: {t:.1f} s, {8000 / t:.1f} events/s applied')"
rm -rf "$OUT/data"
echo "results in $OUT"
