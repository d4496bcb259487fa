#!/usr/bin/env bash
# Ingestion throughput, as recorded in docs/benchmarks.md: starts Custodian on a fresh store,
# warms it up, then drives it with the OpenLineage load generator from ../shared/bench/ingest
# (8 connections on a fresh catalog, then 32 connections on the now-populated one), and reports
# how long the catalog and the search index take to catch up after each. Then the same events
# again on another fresh store, through the batch endpoint (100 events per request).
# A do-nothing endpoint, driven the same way first, gives the ceiling the machine can show. The CPU
# the generator, the endpoint and Custodian (by thread kind) spend per event is reported too.
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
drive --url "http://127.0.0.1:$CEILING_PORT" --seed 7 --datasets 200 --events 4000 --concurrency 8 \
  | grep -E "throughput|errors"
before=$(cpu_seconds $CEILING)
drive --url "http://127.0.0.1:$CEILING_PORT" --seed 42 --datasets 2000 --events 20000 --concurrency 8 \
  --summary-json "$OUT/ceiling-c8.json" | grep -E "throughput|errors|CPU"
ENDPOINT_CPU=$(awk -v a="$before" -v b="$(cpu_seconds $CEILING)" 'BEGIN { printf "%.2f", b - a }')
cp "$OUT/drive.cpu" "$OUT/ceiling-generator.cpu"
echo "do-nothing endpoint CPU: $ENDPOINT_CPU s"
echo "$ENDPOINT_CPU" > "$OUT/ceiling-endpoint.cpu"
kill $CEILING 2>/dev/null || true

# Off the embedded store, masking wants a key-encryption key of the operator's: a throwaway one here.
if [ -n "${CUSTODIAN_DB_URL:-}" ] && [ -z "${CUSTODIAN_MASKING_KEK_FILE:-}${CUSTODIAN_MASKING_KEK:-}" ]; then
  java -jar "$JAR" kek-generate "$OUT/kek.json" > /dev/null
  export CUSTODIAN_MASKING_KEK_FILE="$OUT/kek.json"
fi

start_server "$OUT/data"
TARGET=(--url "http://127.0.0.1:$PORT" --header "Authorization: Bearer $KEY")
echo "== warm-up (other seed, not measured)"
drive "${TARGET[@]}" --seed 7 --datasets 200 --events 16000 --concurrency 8 | grep -E "throughput|errors"
caught_up > /dev/null
echo "== 8 connections, 20,000 events, 2,000 datasets"
python3 bench/cpu-by-thread.py snapshot $SERVER "$OUT/c8-before.cpu"
drive "${TARGET[@]}" --seed 42 --datasets 2000 --events 20000 --concurrency 8 --summary-json "$OUT/c8.json"
cp "$OUT/drive.cpu" "$OUT/c8-generator.cpu"
caught_up
python3 bench/cpu-by-thread.py snapshot $SERVER "$OUT/c8-after.cpu"
echo "Custodian, from the first event to caught up:"
python3 bench/cpu-by-thread.py report "$OUT/c8-before.cpu" "$OUT/c8-after.cpu" 20000
echo "== 32 connections, 20,000 more events over the same datasets"
drive "${TARGET[@]}" --seed 42 --datasets 2000 --events 20000 --run-offset 10000 --concurrency 32 --summary-json "$OUT/c32.json"
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
import json, os, re, sys, pathlib
out = pathlib.Path(sys.argv[1])
def rate(name):
    return json.loads((out / name).read_text())["eventsPerSec"]
ceiling, c8 = rate("ceiling-c8.json"), rate("c8.json")
print(f"8 connections: {c8:.0f} events/s; do-nothing ceiling {ceiling:.0f} events/s; ratio {c8 / ceiling:.1%}")
# The CPU budget: at the target rate, what the machine's cores leave for Custodian per event once the
# generator has had its share, taken from the ceiling run (against Custodian it spends more per event,
# waiting longer for each answer, so this errs in Custodian's favour).
def cpu_ms(name):
    return float((out / name).read_text()) / 20000 * 1000
cores = os.cpu_count()
before, after = (json.loads((out / f).read_text()) for f in ("c8-before.cpu", "c8-after.cpu"))
custodian = sum(after[k] - before.get(k, 0.0) for k in after) / 20000 * 1000
print(f"CPU per event at 8 connections: do-nothing endpoint {cpu_ms('ceiling-endpoint.cpu'):.2f} ms, its generator "
      f"{cpu_ms('ceiling-generator.cpu'):.2f} ms; Custodian {custodian:.2f} ms, its generator "
      f"{cpu_ms('c8-generator.cpu'):.2f} ms")
print(f"at 2,000 events/s, {cores} cores leave Custodian {cores * 1000 / 2000 - cpu_ms('ceiling-generator.cpu'):.2f} ms "
      f"of CPU per event")
batch = re.search(r"([0-9.]+) events/s accepted", sys.argv[2])
if batch:
    print(f"batch endpoint, 8 connections: {float(batch.group(1)):.0f} events/s; "
          f"ratio to the single-event ceiling {float(batch.group(1)) / ceiling:.1%}")
PY
echo "results in $OUT"
