#!/usr/bin/env bash
# Creates (idempotently) one database + one LOGIN role per service and locks each database to
# its own role. Safe to run on every start: it also re-syncs role passwords.
#
# Used by both runners:
#   local:  infra/lib/postgres.sh (psql over TCP to 127.0.0.1:$POSTGRES_PORT)
#   docker: the one-shot `postgres-init` service in docker-compose.yml (host `postgres`)
#
# Connection: standard libpq variables PGHOST, PGPORT, PGUSER (a superuser), PGPASSWORD, PGDATABASE.
# Passwords:  <SERVICE>_DB_PASSWORD for every service in PATHWISE_DB_SERVICES
#             (default "gateway catalog progress recommendation"), e.g. CATALOG_DB_PASSWORD.
# Optional:   PSQL (path to psql), PATHWISE_DB_WAIT_SECONDS (wait for the server, default 30).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
psql_bin="${PSQL:-psql}"
services="${PATHWISE_DB_SERVICES:-gateway catalog progress recommendation}"
export PGDATABASE="${PGDATABASE:-postgres}"

# Fail fast on missing secrets before touching the server.
for svc in $services; do
  var="$(printf '%s' "$svc" | tr '[:lower:]-' '[:upper:]_')_DB_PASSWORD"
  if [[ -z "${!var:-}" ]]; then
    echo "init-service-databases: $var is empty — set it in .env" >&2
    exit 1
  fi
done

wait_seconds="${PATHWISE_DB_WAIT_SECONDS:-30}"
for ((i = 0; i < wait_seconds * 2; i++)); do
  "$psql_bin" -X -q -A -t -c 'select 1' >/dev/null 2>&1 && break
  sleep 0.5
done

# Cluster-wide hardening: nobody but superusers and the owners reaches the maintenance DBs.
"$psql_bin" -X -q -v ON_ERROR_STOP=1 -f "$here/cluster-hardening.sql"

for svc in $services; do
  var="$(printf '%s' "$svc" | tr '[:lower:]-' '[:upper:]_')_DB_PASSWORD"
  # Values travel through the environment (not argv) and are read with \getenv in the SQL file.
  SVC_NAME="$svc" SVC_PASSWORD="${!var}" \
    "$psql_bin" -X -q -v ON_ERROR_STOP=1 -f "$here/service-database.sql"
  echo "init-service-databases: database '$svc' and role '$svc' are in place"
done
