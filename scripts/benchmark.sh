#!/usr/bin/env bash
# Measures Latchkey on this machine: JMH bounds (signing, validation, password hashing),
# then bounded HTTP load on the real programs on PostgreSQL, each workload compared with
# its bound. Writes benchmarks/results/<time>.md and .json. Loopback only; it stops by
# itself (a few minutes). Extra arguments go to the load runner, e.g. --measure-seconds=30.
set -euo pipefail
cd "$(dirname "$0")/.."

database_url=${BENCH_DATABASE_URL:-${TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}}

# wrk (a C load generator) drives the plain GET workloads, so that they measure the
# server rather than a JVM client sharing its cores; the Java client is the fallback.
if ! command -v wrk > /dev/null && command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing wrk ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null 2>&1 || echo "No wrk: the JVM client drives every workload"
fi

echo "Building ..."
./mvnw -q -DskipTests -DskipImage package

jmh_json=$(mktemp --suffix=.json)
trap 'rm -f "$jmh_json"' EXIT
echo "JMH: the bounds, one thread per core ..."
java -jar benchmarks/target/latchkey-benchmarks.jar -t "$(nproc)" -rf json -rff "$jmh_json" ${JMH_ARGS:-}

# auth-server starts as scripts/start.sh starts it: with its class data sharing archive
# (trained on an in-memory database, so nothing is left behind)
mapfile -t auth_server_launch < <(scripts/cds.sh "$(ls auth-server/target/auth-server-*-exec.jar | head -n 1)" \
  --spring.datasource.url=jdbc:h2:mem:cds-training)

echo "HTTP load ..."
java -cp benchmarks/target/latchkey-benchmarks.jar io.latchkey.benchmarks.LoadRunner \
  --database-url="$database_url" --jmh="$jmh_json" --out=benchmarks/results \
  --auth-server-launch="${auth_server_launch[*]}" "$@"
