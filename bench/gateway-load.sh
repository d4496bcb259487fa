#!/usr/bin/env bash
# Gateway decisions over HTTP, as recorded in docs/benchmarks.md: starts Custodian on a fresh
# embedded store and runs bench/GatewayDecisionsLoad.java against it (one 250-column table,
# 60 columns classified; 1 client, then 4).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
OUT=${OUT:-$(mktemp -d /tmp/custodian-gateway-XXXX)}
[ -f server/target/custodian.jar ] || mvn -B -q package -DskipTests
ADMIN_KEY="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
CUSTODIAN_DATA_DIR="$OUT/data" CUSTODIAN_PORT=$PORT CUSTODIAN_ADMIN_PORT=$((PORT + 1)) \
CUSTODIAN_ADMIN_API_KEY="$ADMIN_KEY" \
  java -jar server/target/custodian.jar server config.yml > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/openapi.json" && break; sleep 1; done
java bench/GatewayDecisionsLoad.java "http://127.0.0.1:$PORT" "$ADMIN_KEY"
