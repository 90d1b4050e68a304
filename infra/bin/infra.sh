#!/usr/bin/env bash
# Pathwise local infrastructure runner (no Docker needed).
#
#   infra/bin/infra.sh up     [component...]   start + wait until ready (idempotent)
#   infra/bin/infra.sh down   [component...]   stop what we started (pid files), wait for exit
#   infra/bin/infra.sh status [component...]   one line each; exit 0 only if all are ready
#   infra/bin/infra.sh logs   [-f] [component...]
#
# Components: postgres redis kafka temporal (default: all). See infra/README.md.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/.." && pwd)"
ENV_CREATED=0

# shellcheck source=../lib/common.sh
source "$INFRA_DIR/lib/common.sh"
# shellcheck source=../lib/postgres.sh
source "$INFRA_DIR/lib/postgres.sh"
# shellcheck source=../lib/redis.sh
source "$INFRA_DIR/lib/redis.sh"
# shellcheck source=../lib/kafka.sh
source "$INFRA_DIR/lib/kafka.sh"
# shellcheck source=../lib/temporal.sh
source "$INFRA_DIR/lib/temporal.sh"
# shellcheck source=../lib/docker.sh
source "$INFRA_DIR/lib/docker.sh"

usage() {
  cat <<EOF
usage: infra.sh <up|down|status|logs|env> [-f] [component...]
components: ${ALL_COMPONENTS[*]} (default: all)
env: PATHWISE_INFRA=local|docker|auto   PATHWISE_CACHE_DIR=$PATHWISE_CACHE_DIR
EOF
}

# Function-name prefix per component.
prefix() {
  case "$1" in
    postgres) echo pg ;;
    redis) echo redis ;;
    kafka) echo kafka ;;
    temporal) echo temporal ;;
  esac
}

parse_components() {
  COMPONENTS=()
  FOLLOW=0
  local a c ok
  for a in "$@"; do
    case "$a" in
      -f | --follow) FOLLOW=1 ;;
      -h | --help) usage; exit 0 ;;
      *)
        ok=0
        for c in "${ALL_COMPONENTS[@]}"; do [[ "$a" == "$c" ]] && ok=1; done
        [[ $ok -eq 1 ]] || die "unknown component '$a' (expected: ${ALL_COMPONENTS[*]})"
        COMPONENTS+=("$a")
        ;;
    esac
  done
  if [[ ${#COMPONENTS[@]} -eq 0 ]]; then COMPONENTS=("${ALL_COMPONENTS[@]}"); fi
  # Keep the canonical start order regardless of argument order.
  local ordered=()
  for c in "${ALL_COMPONENTS[@]}"; do
    [[ " ${COMPONENTS[*]} " == *" $c "* ]] && ordered+=("$c")
  done
  COMPONENTS=("${ordered[@]}")
}

# True when any local process of ours has a pid file (then status/logs talk about local mode).
local_state_present() {
  compgen -G "$RUN_DIR/*.pid" >/dev/null 2>&1
}

cmd_up() {
  local t0 c
  t0="$(now)"
  ensure_dirs
  take_lock
  env_load write
  if [[ $ENV_CREATED -eq 1 ]]; then
    say env "created .env from .env.example with fresh random passwords"
  fi
  if docker_mode; then
    docker_up "${COMPONENTS[@]}"
  else
    # Check every prerequisite and port first, so nothing starts when something is missing.
    for c in "${COMPONENTS[@]}"; do "$(prefix "$c")_preflight"; done
    for c in "${COMPONENTS[@]}"; do "$(prefix "$c")_up"; done
  fi
  printf '\ninfra up (%s). Connection settings: %s\n' "$(elapsed "$t0")" "$ENV_FILE"
}

# Writes .env (connection settings) without starting anything; used before `docker compose` /
# testcontainers start the same infrastructure.
cmd_env() {
  ensure_dirs
  take_lock
  env_load write
  printf 'connection settings: %s\n' "$ENV_FILE"
}

cmd_down() {
  local c i
  take_lock
  env_load read
  if ! local_state_present && docker_mode; then
    docker_down "${COMPONENTS[@]}"
    return
  fi
  # Local processes (pid files), in reverse start order.
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    c="${COMPONENTS[$i]}"
    "$(prefix "$c")_down"
  done
}

cmd_status() {
  local c rc=0
  env_load read
  if ! local_state_present && docker_mode; then
    docker_status "${COMPONENTS[@]}" || rc=1
    return "$rc"
  fi
  for c in "${COMPONENTS[@]}"; do
    "$(prefix "$c")_status" || rc=1
  done
  return "$rc"
}

cmd_logs() {
  env_load read
  if ! local_state_present && docker_mode; then
    docker_logs "$FOLLOW" "${COMPONENTS[@]}"
    return
  fi
  local files=() c f
  for c in "${COMPONENTS[@]}"; do
    f="$LOG_DIR/$c.log"
    [[ -f "$f" ]] && files+=("$f")
  done
  [[ ${#files[@]} -gt 0 ]] || die "no log files yet in .data/logs (run 'infra.sh up' first)"
  if [[ $FOLLOW -eq 1 ]]; then
    exec tail -n 50 -F "${files[@]}"
  fi
  for f in "${files[@]}"; do
    printf '==> %s <==\n' "${f#"$REPO_ROOT"/}"
    tail -n 100 "$f"
    printf '\n'
  done
}

main() {
  [[ $# -ge 1 ]] || { usage >&2; exit 2; }
  local cmd="$1"
  shift
  case "$cmd" in
    up | down | status | logs | env) ;;
    -h | --help | help) usage; exit 0 ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
  parse_components "$@"
  [[ $FOLLOW -eq 0 || "$cmd" == logs ]] || die "-f is only valid with 'logs'"
  "cmd_$cmd"
}

main "$@"
