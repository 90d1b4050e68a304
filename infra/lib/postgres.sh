# shellcheck shell=bash
# PostgreSQL: our own cluster in .data/postgres from the Debian `postgresql` package binaries.

PG_DATA="$DATA_DIR/postgres"
PG_SOCKET_DIR="$RUN_DIR/postgres-socket"
PG_LOG="$LOG_DIR/postgres.log"
PG_CMD_RE='(^|/)(postgres|postmaster)( |$)'
PG_BIN=""
PG_RUN_AS=()

# Finds /usr/lib/postgresql/<ver>/bin (the version the cluster was created with, else the newest).
pg_find_bin() {
  local want="" dir best="" ver
  [[ -f "$PG_DATA/PG_VERSION" ]] && want="$(cat "$PG_DATA/PG_VERSION")"
  if [[ -n "${PATHWISE_PG_BIN:-}" ]]; then
    PG_BIN="$PATHWISE_PG_BIN"
    return 0
  fi
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]] || continue
    ver="$(basename "$(dirname "$dir")")"
    if [[ -n "$want" ]]; then
      [[ "$ver" == "$want" ]] && best="$dir"
    elif [[ -z "$best" ]] || (("${ver%%.*}" > "$(basename "$(dirname "$best")" | cut -d. -f1)")); then
      best="$dir"
    fi
  done
  PG_BIN="$best"
  [[ -n "$PG_BIN" ]]
}

pg_psql() {
  local psql="$PG_BIN/psql"
  [[ -x "$psql" ]] || psql="psql"
  "$psql" "$@"
}

# Readiness: a real SQL round trip as the admin over TCP.
pg_ready() {
  PGPASSWORD="$POSTGRES_ADMIN_PASSWORD" PGCONNECT_TIMEOUT=2 pg_psql -X -A -t -q \
    -h 127.0.0.1 -p "$POSTGRES_PORT" -U "$POSTGRES_ADMIN_USER" -d postgres -c 'select 1' 2>/dev/null | grep -qx 1
}

pg_pid() { our_pid postgres "$PG_CMD_RE"; }

# Runs a PostgreSQL server binary as the right OS user (postgres refuses to run as root).
# 9>&- : the postmaster must not inherit the up/down lock (see take_lock).
pg_as_owner() { (cd / && "${PG_RUN_AS[@]}" "$@" 9>&-); }

pg_preflight() {
  if ! pg_find_bin; then
    if [[ -f "$PG_DATA/PG_VERSION" ]]; then
      die "PostgreSQL $(cat "$PG_DATA/PG_VERSION") binaries (needed by the cluster in .data/postgres) were not found under /usr/lib/postgresql — install postgresql-$(cat "$PG_DATA/PG_VERSION") or delete .data/postgres"
    fi
    say postgres "installing PostgreSQL (apt-get install postgresql, one time)…"
    apt_install postgresql
    pg_find_bin || die "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin even after apt-get install postgresql — install the postgresql package"
  fi
  if is_root; then
    id -u postgres >/dev/null 2>&1 ||
      die "running as root but the 'postgres' OS user does not exist (PostgreSQL refuses to run as root) — install the postgresql package or run as a normal user"
    PG_RUN_AS=(runuser -u postgres --)
  fi
  if ! pg_pid >/dev/null; then
    check_port_free "$POSTGRES_PORT" PostgreSQL POSTGRES_PORT
  fi
}

pg_write_conf() {
  # Rewritten on every up so port changes in .env take effect.
  local conf="$PG_DATA/pathwise.conf"
  local socket_dir="${PG_SOCKET_DIR//\'/\'\'}"
  cat >"$conf" <<EOF
# Managed by infra/lib/postgres.sh — rewritten on every 'infra.sh up'.
listen_addresses = '127.0.0.1'
port = $POSTGRES_PORT
unix_socket_directories = '$socket_dir'
password_encryption = 'scram-sha-256'
max_connections = 200
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_messages = warning
log_connections = off
EOF
  grep -q "include_if_exists = 'pathwise.conf'" "$PG_DATA/postgresql.conf" ||
    printf "\ninclude_if_exists = 'pathwise.conf'\n" >>"$PG_DATA/postgresql.conf"
  # Only password (SCRAM) authentication: no trust, no peer.
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# Managed by infra/lib/postgres.sh.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  scram-sha-256
host    all       all   127.0.0.1/32   scram-sha-256
EOF
  if is_root; then chown postgres: "$conf" "$PG_DATA/pg_hba.conf" "$PG_DATA/postgresql.conf"; fi
}

pg_initdb() {
  say postgres "initialising a new cluster in .data/postgres (admin user $POSTGRES_ADMIN_USER)…"
  mkdir -p "$PG_DATA"
  chmod 700 "$PG_DATA"
  local pwfile
  pwfile="$(mktemp "$RUN_DIR/pg-pw.XXXXXX")"
  printf '%s\n' "$POSTGRES_ADMIN_PASSWORD" >"$pwfile"
  if is_root; then chown postgres: "$PG_DATA" "$pwfile"; fi
  if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" --username="$POSTGRES_ADMIN_USER" --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --no-locale \
    >>"$PG_LOG" 2>&1; then
    rm -f "$pwfile"
    last_log_lines postgres
    die "initdb failed (see .data/logs/postgres.log)"
  fi
  rm -f "$pwfile"
}

pg_up() {
  local t0 pid
  t0="$(now)"
  if reuse_running postgres "$POSTGRES_PORT" pg_pid 30 pg_ready "does not answer SQL as $POSTGRES_ADMIN_USER on 127.0.0.1:$POSTGRES_PORT — check .data/logs/postgres.log (if POSTGRES_ADMIN_PASSWORD in .env changed, run 'infra.sh down postgres' and delete .data/postgres)"; then return 0; fi
  rm -f "$(pid_file postgres)"

  mkdir -p "$PG_SOCKET_DIR"
  touch "$PG_LOG"
  if is_root; then
    chown postgres: "$PG_SOCKET_DIR" "$PG_LOG"
    runuser -u postgres -- test -w "$PG_SOCKET_DIR" ||
      die "the 'postgres' OS user cannot reach $DATA_DIR (a parent folder is not world-searchable) — run 'chmod o+x' on the parent folders of the repo or run as a normal user"
  fi
  [[ -f "$PG_DATA/PG_VERSION" ]] || pg_initdb
  if is_root; then chown -R postgres: "$PG_DATA"; fi
  pg_write_conf
  rm -f "$PG_DATA/postmaster.pid" 2>/dev/null || true # stale after a crash; our pid check said not running

  # shellcheck disable=SC2094 # pg_ctl's own messages and the server log share the file on purpose
  if ! pg_as_owner "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s >>"$PG_LOG" 2>&1; then
    last_log_lines postgres
    die "postgres failed to start (see .data/logs/postgres.log)"
  fi
  head -n1 "$PG_DATA/postmaster.pid" >"$(pid_file postgres)"
  pid="$(pg_pid)" || die "postgres started but its pid could not be determined (see .data/logs/postgres.log)"
  if ! wait_until 30 "$pid" pg_ready; then
    last_log_lines postgres
    die "postgres is running but '$POSTGRES_ADMIN_USER' cannot run SQL on 127.0.0.1:$POSTGRES_PORT — if POSTGRES_ADMIN_PASSWORD in .env changed after the cluster was created, run 'infra.sh down postgres' and delete .data/postgres"
  fi
  pg_init_databases
  say postgres "ready on 127.0.0.1:$POSTGRES_PORT (pid $pid, $(elapsed "$t0"))"
}

# Per-service databases and roles (idempotent; re-syncs passwords from .env).
pg_init_databases() {
  local psql="$PG_BIN/psql"
  [[ -x "$psql" ]] || psql="$(command -v psql)"
  local svc var env_args=()
  for svc in "${DB_SERVICES[@]}"; do
    var="${svc^^}_DB_PASSWORD"
    env_args+=("$var=${!var}")
  done
  if ! env "${env_args[@]}" PATHWISE_DB_SERVICES="${DB_SERVICES[*]}" \
    PGHOST=127.0.0.1 PGPORT="$POSTGRES_PORT" PGUSER="$POSTGRES_ADMIN_USER" PGPASSWORD="$POSTGRES_ADMIN_PASSWORD" \
    PGDATABASE=postgres PSQL="$psql" bash "$INFRA_DIR/postgres/init-service-databases.sh" >>"$PG_LOG" 2>&1; then
    last_log_lines postgres
    die "creating the service databases failed (see .data/logs/postgres.log)"
  fi
}

pg_down() {
  # SIGINT = PostgreSQL "fast" shutdown (disconnects clients, checkpoints, exits).
  stop_component postgres pg_pid INT 30
}

pg_status() {
  pg_find_bin || true
  report_status postgres "$POSTGRES_PORT" pg_pid pg_ready "SQL check"
}
