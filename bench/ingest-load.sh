#!/usr/bin/env bash
# Ingestion throughput, as recorded in docs/benchmarks.md: starts Custodian on a fresh store,
# warms it up, then drives it with the OpenLineage load generator from ../shared/bench/ingest
# (8 connections on a fresh catalog, then 32 connections on the now-populated one), and reports
# how long the catalog and the search index take to catch up after each. Then the same events
# again on another fresh store, through the batch endpoint (100 events per request).
# A do-nothing endpoint, driven the same way first, gives the ceiling the machine can show.
#
#   bench/ingest-load.sh                  # embedded H2 under a temporary data dir
#   CUSTODIAN_DB_URL=jdbc:postgresql://127.0.0.1:5432/custodian_bench \
#   CUSTODIAN_DB_USER=... CUSTODIAN_DB_PASSWORD=... bench/ingest-load.sh    # an empty PostgreSQL database
#   (two fresh stores are used: on PostgreSQL, also set CUSTODIAN_DB_URL_2 to a second empty database,
#   or the batch run is left out)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/ingest-common.sh

# The ceiling first: the same generator against an endpoint that reads each body and answers 201.
CEILING_PORT=$((PORT + 10))
java bench/DoNothingEndpoint.java $CEILING_PORT > "$OUT/ceiling.log" 2>&1 &
CEILING=$!
for _ in $(seq 1 30); do grep -q "do-nothing endpoint" "$OUT/ceiling.log" 2>/dev/null && break; sleep 1; done
echo "== ceiling: do-nothing endpoint, 8 connections, 20,000 events (warm-up of 4,000 first)"
java -jar "$OUT/loadgen/target/ingest-bench.jar" --url "http://127.0.0.1:$CEILING_PORT" --progress-secs 0 \
  --seed 7 --datasets 200 --events 4000 --concurrency 8 | grep -E "throughput|errors"
java -jar "$OUT/loadgen/target/ingest-bench.jar" --url "http://127.0.0.1:$CEILING_PORT" --progress-secs 0 \
  --seed 42 --datasets 2000 --events 20000 --concurrency 8 --summary-json "$OUT/ceiling-c8.json" \
  | grep -E "throughput|errors"
kill $CEILING 2>/dev/null || true

# Off the embedded store, masking wants a key-encryption key of the operator's: a throwaway one here.
if [ -n "${CUSTODIAN_DB_URL:-}" ] && [ -z "${CUSTODIAN_MASKING_KEK_FILE:-}${CUSTODIAN_MASKING_KEK:-}" ]; then
  java -jar "$JAR" kek-generate "$OUT/kek.json" > /dev/null
  export CUSTODIAN_MASKING_KEK_FILE="$OUT/kek.json"
fi

start_server "$OUT/data"
LOADGEN=(java -jar "$OUT/loadgen/target/ingest-bench.jar" --url "http://127.0.0.1:$PORT" --progress-secs 0
         --header "Authorization: Bearer $KEY")
echo "== warm-up (other seed, not measured)"
"${LOADGEN[@]}" --seed 7 --datasets 200 --events 16000 --concurrency 8 | grep -E "throughput|errors"
caught_up > /dev/null
echo "== 8 connections, 20,000 events, 2,000 datasets"
"${LOADGEN[@]}" --seed 42 --datasets 2000 --events 20000 --concurrency 8 --summary-json "$OUT/c8.json"
caught_up
echo "== 32 connections, 20,000 more events over the same datasets"
"${LOADGEN[@]}" --seed 42 --datasets 2000 --events 20000 --run-offset 10000 --concurrency 32 --summary-json "$OUT/c32.json"
caught_up
curl -s "http://127.0.0.1:$((PORT + 1))/healthcheck"; echo
stop_server

BATCH=
if [ -z "${CUSTODIAN_DB_URL:-}" ] || [ -n "${CUSTODIAN_DB_URL_2:-}" ]; then
  echo "== batch endpoint: the same 20,000 events, 100 per request, 8 connections, on a fresh store"
  java -jar "$OUT/loadgen/target/ingest-bench.jar" --seed 7 --datasets 200 --events 16000 --out "$OUT/warm.jsonl"
  java -jar "$OUT/loadgen/target/ingest-bench.jar" --seed 42 --datasets 2000 --events 20000 --out "$OUT/events.jsonl"
  start_server "$OUT/data-batch" "${CUSTODIAN_DB_URL_2:-}"
  java bench/BatchPoster.java "http://127.0.0.1:$PORT" "Bearer $KEY" "$OUT/warm.jsonl" 100 8 > /dev/null
  caught_up > /dev/null
  BATCH=$(java bench/BatchPoster.java "http://127.0.0.1:$PORT" "Bearer $KEY" "$OUT/events.jsonl" 100 8)
  echo "$BATCH"
  caught_up
  stop_server
fi

python3 - "$OUT" "$BATCH" <<'PY'
import json, re, sys, pathlib
out = pathlib.Path(sys.argv[1])
def rate(name):
    return json.loads((out / name).read_text())["eventsPerSec"]
ceiling, c8 = rate("ceiling-c8.json"), rate("c8.json")
print(f"8 connections: {c8:.0f} events/s; do-nothing ceiling {ceiling:.0f} events/s; ratio {c8 / ceiling:.1%}")
batch = re.search(r"([0-9.]+) events/s accepted", sys.argv[2])
if batch:
    print(f"batch endpoint, 8 connections: {float(batch.group(1)):.0f} events/s; "
          f"ratio to the single-event ceiling {float(batch.group(1)) / ceiling:.1%}")
PY
echo "results in $OUT"
