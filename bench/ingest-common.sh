# Shared by the ingestion benchmarks, sourced from the repository's root: the build under test
# ($JAR), the load generator built under $OUT/loadgen, and start_server, stop_server and caught_up
# on $PORT (its admin port one above) with a throwaway bootstrap admin key; drive and cpu_seconds
# measure what the generator and the server spend on CPU.
LOADGEN_SRC=${LOADGEN_SRC:-../shared/bench/ingest}
PORT=${PORT:-18080}
OUT=${OUT:-$(mktemp -d /tmp/custodian-bench-XXXX)}
JAR=${JAR:-server/target/custodian.jar}
mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -B -q package -DskipTests
if [ ! -f "$OUT/loadgen/target/ingest-bench.jar" ]; then
  cp -r "$LOADGEN_SRC" "$OUT/loadgen"
  (cd "$OUT/loadgen" && mvn -B -q package -DskipTests)
fi
ADMIN_KEY="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
SERVER=
trap 'kill $SERVER 2>/dev/null || true' EXIT
# start_server DATA_DIR [DB_URL]: a fresh Custodian; sets SERVER and KEY (a PRODUCER key of its own).
start_server() {
  CUSTODIAN_DATA_DIR="$1" CUSTODIAN_DB_URL="${2:-${CUSTODIAN_DB_URL:-}}" CUSTODIAN_PORT=$PORT \
  CUSTODIAN_ADMIN_PORT=$((PORT + 1)) CUSTODIAN_ADMIN_API_KEY="$ADMIN_KEY" \
    java -jar "$JAR" server config.yml > "$1.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/openapi.json" && break; sleep 1; done
  KEY=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/admin/api-keys" -H "Authorization: Bearer $ADMIN_KEY" \
    -H 'Content-Type: application/json' -d '{"name": "ingest benchmark", "roles": ["PRODUCER"]}' \
    | sed -E 's/.*"key":"([^"]+)".*/\1/')
}
stop_server() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
}
# Seconds from now until the health check shows nothing left to apply and the index caught up.
caught_up() {
  python3 - "http://127.0.0.1:$((PORT + 1))/healthcheck" <<'PY'
import json, sys, time, urllib.request, urllib.error
began = time.time()
while time.time() - began < 600:
    try:
        body = urllib.request.urlopen(sys.argv[1]).read()
    except urllib.error.HTTPError as e:  # 500 while a check is unhealthy; the body still says why
        body = e.read()
    checks = json.loads(body)
    if checks["ingestion"].get("pendingApply", 1) == 0 and checks["search"].get("eventsBehind", 1) == 0:
        print(f"caught up {time.time() - began:.1f} s after the load ended")
        sys.exit(0)
    time.sleep(0.1)
print("not caught up after 600 s"); sys.exit(1)
PY
}
# CPU seconds (user + system) process $1 has used so far.
cpu_seconds() {
  awk -v tick="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / tick }' "/proc/$1/stat"
}
# drive ARGS...: the load generator with ARGS; prints its report and the CPU it spent itself while
# posting (serialising the events beforehand excluded), and writes those seconds to $OUT/drive.cpu.
drive() {
  java -jar "$OUT/loadgen/target/ingest-bench.jar" --progress-secs 0 "$@" > "$OUT/drive.out" 2>&1 &
  local gen=$! posting= last= now
  # /proc/PID/stat is gone once the generator exits: keep the last reading taken before.
  while now=$(awk '{ print $14 + $15 }' "/proc/$gen/stat" 2>/dev/null) && [ -n "$now" ]; do
    [ -z "$posting" ] && grep -q "^pregenerated" "$OUT/drive.out" && posting=$now
    last=$now
    sleep 0.1
  done
  wait "$gen"
  cat "$OUT/drive.out"
  awk -v a="${posting:-0}" -v b="${last:-0}" -v tick="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.2f\n", (b - a) / tick }' > "$OUT/drive.cpu"
  echo "generator CPU while posting: $(cat "$OUT/drive.cpu") s"
}
