#!/usr/bin/env bash
# Shows the query plans of every authorization lookup on a million-row table: applies the
# Flyway migrations to a scratch PostgreSQL database, fills it, runs EXPLAIN ANALYZE, and
# drops it. Needs psql. Writes benchmarks/results/query-plans-<time>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

host=${PGHOST:-127.0.0.1}
user=${PGUSER:-postgres}
database="latchkey_plans_$(date +%s)"
out="benchmarks/results/query-plans-$(date -u +%Y%m%d-%H%M%S).txt"
mkdir -p benchmarks/results

psql -h "$host" -U "$user" -qc "create database $database" postgres
trap 'psql -h "$host" -U "$user" -qc "drop database if exists $database with (force)" postgres' EXIT
for migration in $(ls auth-server/src/main/resources/db/migration/V*.sql | sort -V); do
  psql -h "$host" -U "$user" -q -v ON_ERROR_STOP=1 -f "$migration" "$database" > /dev/null
done
echo "Filling oauth2_authorization with a million rows ..."
psql -h "$host" -U "$user" -q -f benchmarks/sql/authorization-lookups.sql "$database" | tee "$out"
echo "Written to $out"
