#!/usr/bin/env bash
# Ingestion throughput, as recorded in docs/benchmarks.md: starts Custodian on a fresh store,
# warms it up, then drives it with the OpenLineage load generator from ../shared/bench/ingest
# (8 connections on a fresh catalog, then 32 connections on the now-populated one).
#
#   bench/ingest-load.sh                  # embedded H2 under a temporary data dir
#   CUSTODIAN_DB_URL=jdbc:postgresql://127.0.0.1:5432/custodian_bench \
#   CUSTODIAN_DB_USER=... CUSTODIAN_DB_PASSWORD=... bench/ingest-load.sh    # an empty PostgreSQL database
set -euo pipefail
cd "$(dirname "$0")/.."
LOADGEN_SRC=${LOADGEN_SRC:-../shared/bench/ingest}
PORT=${PORT:-18080}
OUT=${OUT:-$(mktemp -d /tmp/custodian-bench-XXXX)}

[ -f server/target/custodian.jar ] || mvn -B -q package -DskipTests
if [ ! -f "$OUT/loadgen/target/ingest-bench.jar" ]; then
  cp -r "$LOADGEN_SRC" "$OUT/loadgen"
  (cd "$OUT/loadgen" && mvn -B -q package -DskipTests)
fi
ADMIN_KEY="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"

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

CUSTODIAN_DATA_DIR="$OUT/data" CUSTODIAN_PORT=$PORT CUSTODIAN_ADMIN_PORT=$((PORT + 1)) \
CUSTODIAN_ADMIN_API_KEY="$ADMIN_KEY" \
  java -jar server/target/custodian.jar server config.yml > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/openapi.json" && break; sleep 1; done

# The load generator sends as a producer, with a key of its own.
KEY=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/admin/api-keys" -H "Authorization: Bearer $ADMIN_KEY" \
  -H 'Content-Type: application/json' -d '{"name": "ingest benchmark", "roles": ["PRODUCER"]}' \
  | sed -E 's/.*"key":"([^"]+)".*/\1/')
LOADGEN=(java -jar "$OUT/loadgen/target/ingest-bench.jar" --url "http://127.0.0.1:$PORT" --progress-secs 0
         --header "Authorization: Bearer $KEY")

echo "== warm-up (other seed, not measured)"
"${LOADGEN[@]}" --seed 7 --datasets 200 --events 16000 --concurrency 8 | grep -E "throughput|errors"
echo "== 8 connections, 20,000 events, 2,000 datasets"
"${LOADGEN[@]}" --seed 42 --datasets 2000 --events 20000 --concurrency 8 --summary-json "$OUT/c8.json"
echo "== 32 connections, 20,000 more events over the same datasets"
"${LOADGEN[@]}" --seed 42 --datasets 2000 --events 20000 --run-offset 10000 --concurrency 32 --summary-json "$OUT/c32.json"
curl -s "http://127.0.0.1:$((PORT + 1))/healthcheck"; echo
python3 - "$OUT" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
def rate(name):
    return json.loads((out / name).read_text())["eventsPerSec"]
ceiling, c8 = rate("ceiling-c8.json"), rate("c8.json")
print(f"8 connections: {c8:.0f} events/s; do-nothing ceiling {ceiling:.0f} events/s; ratio {c8 / ceiling:.1%}")
PY
echo "results in $OUT"
