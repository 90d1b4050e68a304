# shellcheck shell=bash
# Temporal: the Temporal CLI dev server (SQLite), built once from the Go module proxy.

TEMPORAL_CLI_VERSION="${PATHWISE_TEMPORAL_CLI_VERSION:-1.5.1}"
TEMPORAL_MODULE="github.com/temporalio/cli"
TEMPORAL_BIN="$PATHWISE_CACHE_DIR/bin/temporal-$TEMPORAL_CLI_VERSION"
TEMPORAL_DIR="$DATA_DIR/temporal"
TEMPORAL_CMD_RE='temporal(-[0-9.]+)? server start-dev'

temporal_pid() { our_pid temporal "$TEMPORAL_CMD_RE"; }

# Readiness: the frontend reports SERVING and the namespace can be described.
temporal_ready() {
  [[ -x "$TEMPORAL_BIN" ]] || return 1
  local out
  out="$(timeout 10 "$TEMPORAL_BIN" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" 2>/dev/null)" || return 1
  [[ "$out" == *SERVING* && "$out" != *NOT_SERVING* ]] || return 1
  timeout 10 "$TEMPORAL_BIN" operator namespace describe --address "127.0.0.1:$TEMPORAL_PORT" \
    --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1
}

# Is <binary> a build of the wanted temporalio/cli version? (`go install` builds report
# 0.0.0-DEV from --version, so read the embedded module info instead.)
temporal_binary_is_wanted() {
  local bin="$1"
  [[ -x "$bin" ]] || return 1
  if command -v go >/dev/null 2>&1; then
    go version -m "$bin" 2>/dev/null | awk -v m="$TEMPORAL_MODULE" -v v="v$TEMPORAL_CLI_VERSION" \
      '$1 == "mod" && $2 == m && $3 == v { ok = 1 } END { exit !ok }'
  else
    "$bin" --version 2>/dev/null | grep -q "temporal version $TEMPORAL_CLI_VERSION\b"
  fi
}

temporal_preflight() {
  if [[ ! -x "$TEMPORAL_BIN" ]] && ! temporal_binary_is_wanted "$PATHWISE_CACHE_DIR/bin/temporal"; then
    require_cmd go "Go toolchain, builds the Temporal CLI $TEMPORAL_CLI_VERSION once from the Go module proxy" \
      "install Go 1.25+ from https://go.dev/dl and put go on PATH (Go 1.21–1.24 fetch the 1.25 toolchain through the module proxy when GOTOOLCHAIN allows it)"
  fi
  if ! temporal_pid >/dev/null; then
    check_port_free "$TEMPORAL_PORT" "Temporal gRPC" TEMPORAL_PORT
    check_port_free "$TEMPORAL_HTTP_PORT" "Temporal HTTP API" TEMPORAL_HTTP_PORT
    check_port_free "$TEMPORAL_METRICS_PORT" "Temporal metrics" TEMPORAL_METRICS_PORT
  fi
}

temporal_ensure_binary() {
  [[ -x "$TEMPORAL_BIN" ]] && return 0
  mkdir -p "$PATHWISE_CACHE_DIR/bin"
  local legacy="$PATHWISE_CACHE_DIR/bin/temporal"
  if temporal_binary_is_wanted "$legacy"; then
    # Adopt an earlier unversioned build of the same version (hard link, copy as fallback).
    ln -f "$legacy" "$TEMPORAL_BIN" 2>/dev/null || cp -f "$legacy" "$TEMPORAL_BIN"
    say temporal "using existing build $legacy ($TEMPORAL_MODULE v$TEMPORAL_CLI_VERSION)"
    return 0
  fi

  local t0 tmp build_log="$LOG_DIR/temporal-build.log" gopid
  t0="$(now)"
  tmp="$(mktemp -d "$PATHWISE_CACHE_DIR/bin/.build.XXXXXX")"
  say temporal "building Temporal CLI $TEMPORAL_CLI_VERSION with 'go install' (one time, usually 2–5 minutes)…"
  say temporal "build log: $build_log"
  (
    export GOBIN="$tmp" CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -trimpath"
    go install -ldflags "-s -w -X $TEMPORAL_MODULE/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
      "$TEMPORAL_MODULE/cmd/temporal@v$TEMPORAL_CLI_VERSION"
  ) >"$build_log" 2>&1 &
  gopid=$!
  local last=$SECONDS
  while pid_alive "$gopid"; do
    sleep 1
    if ((SECONDS - last >= 15)); then
      last=$SECONDS
      local n
      n="$(grep -c '^go: downloading' "$build_log" 2>/dev/null || true)"
      [[ "$n" != 0 ]] || n=""
      say temporal "  still building… $(elapsed "$t0")${n:+, $n modules downloaded so far}"
    fi
  done
  if ! wait "$gopid" || [[ ! -x "$tmp/temporal" ]]; then
    rm -rf "$tmp"
    last_log_lines temporal-build 20
    die "building the Temporal CLI failed (see $build_log) — check access to the Go module proxy (GOPROXY=$(go env GOPROXY))"
  fi
  mv -f "$tmp/temporal" "$TEMPORAL_BIN"
  rm -rf "$tmp"
  say temporal "built $TEMPORAL_BIN ($(elapsed "$t0"))"
}

temporal_up() {
  local t0 pid
  t0="$(now)"
  if reuse_running temporal "$TEMPORAL_PORT" temporal_pid 60 temporal_ready "is not SERVING on 127.0.0.1:$TEMPORAL_PORT — see .data/logs/temporal.log"; then return 0; fi
  temporal_ensure_binary
  mkdir -p "$TEMPORAL_DIR"
  local ns_args=()
  [[ "$TEMPORAL_NAMESPACE" == default ]] || ns_args=(--namespace "$TEMPORAL_NAMESPACE")
  # SQLite's defaults (a rollback journal, fsync on every commit) made each workflow state
  # transition wait for the disk: with 20 onboardings at once, a write-ahead log without a sync per
  # commit ran them about 2.5 times faster. It survives a killed server; only an OS crash can lose
  # the last transitions, acceptable for a development server.
  spawn temporal "$TEMPORAL_BIN" server start-dev --headless \
    --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
    --http-port "$TEMPORAL_HTTP_PORT" --metrics-port "$TEMPORAL_METRICS_PORT" \
    --db-filename "$TEMPORAL_DIR/temporal.db" "${ns_args[@]}" \
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
    --log-level warn
  pid="$(await_spawned temporal "$TEMPORAL_PORT" 90 temporal_ready)"
  say temporal "ready on 127.0.0.1:$TEMPORAL_PORT (pid $pid, namespace $TEMPORAL_NAMESPACE, $(elapsed "$t0"))"
}

temporal_down() {
  stop_component temporal temporal_pid TERM 30
}

temporal_status() {
  report_status temporal "$TEMPORAL_PORT" temporal_pid temporal_ready "health check"
}
