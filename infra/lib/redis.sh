# shellcheck shell=bash
# Redis: redis-server from the Debian package, no persistence, data dir .data/redis.

REDIS_DATA="$DATA_DIR/redis"
REDIS_CMD_RE='redis-server'
REDIS_SERVER_BIN=""
REDIS_CLI_BIN=""

redis_find_bin() {
  REDIS_SERVER_BIN="$(command -v redis-server || true)"
  REDIS_CLI_BIN="$(command -v redis-cli || true)"
  [[ -n "$REDIS_SERVER_BIN" && -n "$REDIS_CLI_BIN" ]]
}

redis_pid() { our_pid redis "$REDIS_CMD_RE"; }

# Readiness: PING answered with PONG.
redis_ready() {
  [[ "$("${REDIS_CLI_BIN:-redis-cli}" -h 127.0.0.1 -p "$REDIS_PORT" PING 2>/dev/null)" == PONG ]]
}

redis_preflight() {
  if ! redis_find_bin; then
    say redis "installing Redis (apt-get install redis-server, one time)…"
    apt_install redis-server
    redis_find_bin || die "redis-server/redis-cli not found on PATH even after apt-get install redis-server — install the redis-server package"
  fi
  if ! redis_pid >/dev/null; then
    check_port_free "$REDIS_PORT" Redis REDIS_PORT
  fi
}

redis_up() {
  local t0 pid
  t0="$(now)"
  if reuse_running redis "$REDIS_PORT" redis_pid 15 redis_ready "does not answer PING on 127.0.0.1:$REDIS_PORT — see .data/logs/redis.log"; then return 0; fi
  mkdir -p "$REDIS_DATA"
  # Foreground process under our launcher (exact pid file, log captured). No persistence: this
  # instance holds caches/rate limits only.
  spawn redis "$REDIS_SERVER_BIN" \
    --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --dir "$REDIS_DATA" --daemonize no --logfile "" \
    --save "" --appendonly no --databases 16
  pid="$(await_spawned redis "$REDIS_PORT" 30 redis_ready)"
  say redis "ready on 127.0.0.1:$REDIS_PORT (pid $pid, $(elapsed "$t0"))"
}

redis_down() {
  stop_component redis redis_pid TERM 20
}

redis_status() {
  redis_find_bin || true
  report_status redis "$REDIS_PORT" redis_pid redis_ready "PING"
}
