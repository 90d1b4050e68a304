# shellcheck shell=bash
# Shared helpers for infra/bin/infra.sh: paths, output, .env handling, ports, pid files,
# process start/stop, apt installs. Sourced, never executed.
#
# Expects REPO_ROOT and INFRA_DIR to be set by the caller.

# ---------------------------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------------------------
DATA_DIR="$REPO_ROOT/.data"
LOG_DIR="$DATA_DIR/logs"
RUN_DIR="$DATA_DIR/run"
ENV_FILE="$REPO_ROOT/.env"
ENV_EXAMPLE="$REPO_ROOT/.env.example"
PATHWISE_CACHE_DIR="${PATHWISE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pathwise}"

# shellcheck disable=SC2034 # used by infra.sh
ALL_COMPONENTS=(postgres redis kafka temporal)

# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
# say <component> <message...>  ->  "postgres  ready on 127.0.0.1:15432 (2.1s)"
say() {
  local component="$1"
  shift
  printf '%-9s %s\n' "$component" "$*"
}

warn() { printf 'infra: warning: %s\n' "$*" >&2; }

# die <message...>: one clear message on stderr, non-zero exit.
die() {
  printf 'infra: error: %s\n' "$*" >&2
  exit 1
}

# Monotonic-enough wall clock in seconds with decimals (bash 5 EPOCHREALTIME, date fallback).
now() {
  if [[ -n "${EPOCHREALTIME:-}" ]]; then
    printf '%s' "${EPOCHREALTIME/,/.}"
  else
    date +%s.%N
  fi
}

# elapsed <start>  ->  "2.1s"
elapsed() {
  awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1fs", e - s }'
}

# ---------------------------------------------------------------------------------------------
# Privileges and prerequisites
# ---------------------------------------------------------------------------------------------
is_root() { [[ "$(id -u)" -eq 0 ]]; }

# as_root <cmd...>: run as root (directly when root, through sudo otherwise).
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 127
  fi
}

# require_cmd <cmd> <what it is for> <how to fix>
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' ($2) was not found on PATH — $3"
}

# apt_install <package...>: install Debian packages without starting their system services.
apt_install() {
  local packages=("$@")
  command -v apt-get >/dev/null 2>&1 ||
    die "${packages[*]} not installed and apt-get is not available — install ${packages[*]} with your package manager"
  if ! is_root && ! command -v sudo >/dev/null 2>&1; then
    die "${packages[*]} not installed and you are not root (no sudo) — run: sudo apt-get install ${packages[*]}"
  fi
  mkdir -p "$LOG_DIR"
  local apt_log="$LOG_DIR/apt.log"
  local policy=/usr/sbin/policy-rc.d created_policy=0
  # policy-rc.d exit 101 = "action forbidden": the packages' postinst must not start the
  # distro-wide redis/postgresql service; we run our own instances from .data/.
  if [[ ! -e "$policy" ]]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy" || die "cannot write $policy"
    created_policy=1
  fi
  local rc=0
  {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" ||
      { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"; }
  } >>"$apt_log" 2>&1 || rc=$?
  if [[ $created_policy -eq 1 ]]; then as_root rm -f "$policy"; fi
  [[ $rc -eq 0 ]] || die "apt-get install ${packages[*]} failed (see $apt_log) — install it manually: sudo apt-get install ${packages[*]}"
}

# ---------------------------------------------------------------------------------------------
# .env handling
# ---------------------------------------------------------------------------------------------
# Input keys: read from the environment first, then .env, then these defaults.
ENV_INPUT_KEYS=(
  POSTGRES_HOST POSTGRES_PORT POSTGRES_ADMIN_USER POSTGRES_ADMIN_PASSWORD
  GATEWAY_DB_PASSWORD CATALOG_DB_PASSWORD PROGRESS_DB_PASSWORD RECOMMENDATION_DB_PASSWORD
  REDIS_PORT
  KAFKA_PORT KAFKA_CONTROLLER_PORT
  TEMPORAL_PORT TEMPORAL_HTTP_PORT TEMPORAL_METRICS_PORT TEMPORAL_NAMESPACE
  GATEWAY_SIGNING_KEYS SAGA_SIGNING_KEY
)
# Derived keys: always recomputed from the inputs by `up` so they cannot drift.
ENV_DERIVED_KEYS=(
  POSTGRES_ADMIN_URL GATEWAY_DATABASE_URL CATALOG_DATABASE_URL PROGRESS_DATABASE_URL
  RECOMMENDATION_DATABASE_URL REDIS_URL KAFKA_BROKERS TEMPORAL_ADDRESS
)
DB_SERVICES=(gateway catalog progress recommendation)

declare -A ENV_DEFAULTS=(
  [POSTGRES_HOST]=127.0.0.1
  [POSTGRES_PORT]=15432
  [POSTGRES_ADMIN_USER]=pathwise_admin
  [REDIS_PORT]=16379
  [KAFKA_PORT]=19092
  [KAFKA_CONTROLLER_PORT]=19093
  [TEMPORAL_PORT]=17233
  [TEMPORAL_HTTP_PORT]=17243
  [TEMPORAL_METRICS_PORT]=17244
  [TEMPORAL_NAMESPACE]=default
)

# random_secret [BYTES]: hex of BYTES random bytes (default 16).
random_secret() {
  local bytes="${1:-16}"
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -hex "$bytes"
  else
    od -An -N"$bytes" -tx1 /dev/urandom | tr -d ' \n'
  fi
}

# Prints the value of KEY in FILE (last assignment wins), without surrounding quotes.
dotenv_get() {
  local file="$1" key="$2"
  [[ -f "$file" ]] || return 0
  awk -v k="$key" '
    { sub(/^[ \t]*export[ \t]+/, "") }
    index($0, k "=") == 1 { v = substr($0, length(k) + 2); found = 1 }
    END {
      if (!found) exit
      sub(/[ \t\r]+$/, "", v)
      if (v ~ /^".*"$/ || v ~ /^\047.*\047$/) v = substr(v, 2, length(v) - 2)
      print v
    }' "$file"
}

# dotenv_set_many FILE KEY=VALUE...: replace each KEY line in place (keeping comments and order),
# append keys that are missing. Atomic write, mode 600.
dotenv_set_many() {
  local file="$1"
  shift
  local tmp
  tmp="$(mktemp "$file.XXXXXX")"
  awk '
    BEGIN {
      for (i = 1; i < ARGC; i++) {
        eq = index(ARGV[i], "=")
        key = substr(ARGV[i], 1, eq - 1)
        want[key] = substr(ARGV[i], eq + 1)
        order[++n] = key
        delete ARGV[i]
      }
      ARGC = 1
    }
    {
      line = $0
      sub(/^[ \t]*export[ \t]+/, "", line)
      eq = index(line, "=")
      key = eq > 1 ? substr(line, 1, eq - 1) : ""
      if (key in want) {
        if (!(key in done)) print key "=" want[key]
        done[key] = 1
        next
      }
      print
    }
    END {
      for (i = 1; i <= n; i++) if (!(order[i] in done)) print order[i] "=" want[order[i]]
    }' "$@" <"$file" >"$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$file"
}

# Percent-encodes a string for the userinfo part of a URL.
urlencode() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [a-zA-Z0-9.~_-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

# Creates .env from .env.example on first use (empty *_PASSWORD= get random values).
env_ensure_file() {
  if [[ ! -f "$ENV_FILE" ]]; then
    [[ -f "$ENV_EXAMPLE" ]] || die "$ENV_EXAMPLE is missing — restore it from git (git checkout -- .env.example)"
    local tmp
    tmp="$(mktemp "$ENV_FILE.XXXXXX")"
    local line
    while IFS= read -r line || [[ -n "$line" ]]; do
      if [[ "$line" =~ ^([A-Z0-9_]+_PASSWORD)=[[:space:]]*$ ]]; then
        line="${BASH_REMATCH[1]}=$(random_secret)"
      fi
      printf '%s\n' "$line"
    done <"$ENV_EXAMPLE" >"$tmp"
    chmod 600 "$tmp"
    mv -f "$tmp" "$ENV_FILE"
    # shellcheck disable=SC2034 # read by infra.sh
    ENV_CREATED=1
  fi
}

# Loads every input key into shell variables (environment > .env > default). Nothing is exported,
# so secrets do not leak into the environment of the servers we start.
# With "write": also generates missing passwords and (re)writes inputs + derived URLs into .env.
# shellcheck disable=SC2034 # the derived *_URL variables are consumed through ${!key}
env_load() {
  local mode="${1:-read}"
  local key value updates=()
  [[ "$mode" == write ]] && env_ensure_file
  for key in "${ENV_INPUT_KEYS[@]}"; do
    if [[ -n "${!key+set}" && -n "${!key}" ]]; then
      value="${!key}"
    else
      value="$(dotenv_get "$ENV_FILE" "$key")"
      [[ -n "$value" ]] || value="${ENV_DEFAULTS[$key]:-}"
      if [[ -z "$value" && "$key" == *_PASSWORD && "$mode" == write ]]; then
        value="$(random_secret)"
      fi
      # The gateway's and the saga-worker's Ed25519 signing keys: 32-byte seeds (ADR 0010, 0050).
      if [[ -z "$value" && ( "$key" == GATEWAY_SIGNING_KEYS || "$key" == SAGA_SIGNING_KEY ) && "$mode" == write ]]; then
        value="$(random_secret 32)"
      fi
    fi
    printf -v "$key" '%s' "$value"
    updates+=("$key=$value")
  done

  local host="$POSTGRES_HOST" port="$POSTGRES_PORT" svc pw_var url_var
  POSTGRES_ADMIN_URL="postgres://$(urlencode "$POSTGRES_ADMIN_USER"):$(urlencode "$POSTGRES_ADMIN_PASSWORD")@$host:$port/postgres"
  for svc in "${DB_SERVICES[@]}"; do
    pw_var="${svc^^}_DB_PASSWORD"
    url_var="${svc^^}_DATABASE_URL"
    printf -v "$url_var" 'postgres://%s:%s@%s:%s/%s' "$svc" "$(urlencode "${!pw_var}")" "$host" "$port" "$svc"
  done
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
  TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"
  for key in "${ENV_DERIVED_KEYS[@]}"; do updates+=("$key=${!key}"); done

  for key in POSTGRES_PORT REDIS_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT TEMPORAL_PORT TEMPORAL_HTTP_PORT TEMPORAL_METRICS_PORT; do
    if ! [[ "${!key}" =~ ^[0-9]+$ ]] || ((${!key} < 1 || ${!key} > 65535)); then
      die "$key='${!key}' is not a valid port — fix it in $ENV_FILE"
    fi
  done

  if [[ "$mode" == write ]]; then
    dotenv_set_many "$ENV_FILE" "${updates[@]}"
  fi
}

# ---------------------------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------------------------
# port_in_use <port>: true when anything listens on the TCP port (any address).
port_in_use() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# port_owner <port>: "python3, pid 1234" when ss can tell (needs privileges for other users).
port_owner() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\"\([^\"]*\)\",pid=\([0-9]*\).*/\1, pid \2/p' | head -n1
}

# check_port_free <port> <label> <env key>: one clear message when the port is taken.
check_port_free() {
  local port="$1" label="$2" key="$3" owner
  if port_in_use "$port"; then
    owner="$(port_owner "$port")"
    die "port $port ($label) is already in use by another process${owner:+ ($owner)} — stop it or set $key in .env"
  fi
}

# ---------------------------------------------------------------------------------------------
# Pid files and processes
# ---------------------------------------------------------------------------------------------
pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# our_pid <component> <cmdline regex>: prints the pid from the pid file when that process is
# alive and still the program we started (guards against pid reuse). Returns 1 otherwise.
our_pid() {
  local file pid cmdline
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(head -n1 "$file" 2>/dev/null | tr -dc '0-9')"
  pid_alive "$pid" || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" =~ $2 ]] || return 1
  printf '%s' "$pid"
}

# descendants <pid>: all child pids, recursively.
descendants() {
  local child
  command -v ps >/dev/null 2>&1 || return 0
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    printf '%s\n' "$child"
    descendants "$child"
  done
}

# stop_pid <pid> [signal] [timeout seconds]: polite signal, then SIGKILL for the process and
# anything it spawned. Waits until everything is gone.
stop_pid() {
  local pid="$1" signal="${2:-TERM}" timeout="${3:-30}" kids deadline p
  pid_alive "$pid" || return 0
  kids="$(descendants "$pid")"
  kill -s "$signal" "$pid" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if pid_alive "$pid"; then
    warn "pid $pid did not exit within ${timeout}s after SIG$signal; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for p in $kids; do kill -KILL "$p" 2>/dev/null || true; done
  deadline=$((SECONDS + 10))
  while pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
  ! pid_alive "$pid"
}

# spawn <component> <cmd...>: start a long-running foreground program detached (own session),
# stdout/stderr appended to .data/logs/<component>.log, exact pid written to .data/run/<c>.pid.
spawn() {
  local component="$1"
  shift
  local log="$LOG_DIR/$component.log" pidf
  pidf="$(pid_file "$component")"
  rm -f "$pidf"
  printf '\n===== %s: starting %s =====\n' "$(date -u +%FT%TZ)" "$component" >>"$log"
  # The inner shell writes its own pid and then execs the program, so the pid is exact even if
  # setsid had to fork.
  # shellcheck disable=SC2016 # expanded by the inner shell
  # 9>&- : the server must not inherit the up/down lock (see take_lock).
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' spawn "$pidf" "$@" </dev/null >>"$log" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pidf" ]] && break
    sleep 0.05
  done
  [[ -s "$pidf" ]] || die "$component did not start (see $log)"
}

# wait_until <timeout seconds> <pid or ""> <cmd...>: polls cmd until it succeeds. Fails early when
# the pid dies.
wait_until() {
  local timeout="$1" pid="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [[ -n "$pid" ]] && ! pid_alive "$pid"; then return 2; fi
    sleep 0.5
  done
  "$@" >/dev/null 2>&1
}

# await_spawned <component> <port> <timeout-seconds> <ready-fn> [log-lines]: waits until the process
# `spawn` started answers its protocol check and prints its pid; on failure shows the log tail and dies.
await_spawned() {
  local component="$1" port="$2" timeout="$3" ready="$4" pid
  pid="$(head -n1 "$(pid_file "$component")")"
  if ! wait_until "$timeout" "$pid" "$ready"; then
    last_log_lines "$component" "${5:-15}"
    die "$component did not become ready on 127.0.0.1:$port (see .data/logs/$component.log)"
  fi
  printf '%s' "$pid"
}

# reuse_running <component> <port> <pid-fn> <timeout-seconds> <ready-fn> <problem>: 0 when our process
# is running and answers, 1 when it is not running; dies naming <problem> when it runs but does not answer.
reuse_running() {
  local component="$1" port="$2" pid_fn="$3" timeout="$4" ready="$5" problem="$6" pid
  pid="$("$pid_fn")" || return 1
  if wait_until "$timeout" "$pid" "$ready"; then
    say "$component" "already running on 127.0.0.1:$port (pid $pid)"
    return 0
  fi
  die "$component (pid $pid) is running but $problem"
}

# report_status <component> <port> <pid-fn> <ready-fn> <check name>: one status line; 0 when running and ready.
report_status() {
  local component="$1" port="$2" pid_fn="$3" ready="$4" check="$5" pid
  if ! pid="$("$pid_fn")"; then
    say "$component" "stopped  127.0.0.1:$port"
    return 1
  fi
  if "$ready" >/dev/null 2>&1; then
    say "$component" "running  127.0.0.1:$port  pid $pid"
    return 0
  fi
  say "$component" "NOT READY  127.0.0.1:$port  pid $pid (process up, $check failed)"
  return 1
}

# stop_component <component> <pid-fn> <signal> <grace-seconds>: stops our process, if running.
stop_component() {
  local component="$1" pid
  if pid="$("$2")"; then
    stop_pid "$pid" "$3" "$4" || die "could not stop $component (pid $pid)"
    say "$component" "stopped (pid $pid)"
  else
    say "$component" "not running"
  fi
  rm -f "$(pid_file "$component")"
}

# last_log_lines <name> [lines]: tail of .data/logs/<name>.log (15 lines unless told) for error messages.
last_log_lines() {
  local log="$LOG_DIR/$1.log"
  [[ -f "$log" ]] && tail -n "${2:-15}" "$log" | sed 's/^/    | /' >&2
  return 0
}

ensure_dirs() {
  mkdir -p "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$PATHWISE_CACHE_DIR"
}

# Serialises concurrent up/down runs (e.g. two test runners starting at once).
take_lock() {
  mkdir -p "$RUN_DIR"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$RUN_DIR/.infra.lock"
  if ! flock -n 9; then
    say infra "another infra.sh up/down is running; waiting for it…"
    flock -w 600 9 || die "timed out waiting for another infra.sh run (lock $RUN_DIR/.infra.lock)"
  fi
}
