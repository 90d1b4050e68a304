# shellcheck shell=bash
# Docker path: when a Docker engine is reachable (and PATHWISE_INFRA is not "local") the same
# infrastructure comes from docker-compose.yml at the repo root, on the same 127.0.0.1 ports,
# configured from the same .env.

# PATHWISE_INFRA=local   always run local processes (never Docker)
# PATHWISE_INFRA=docker  require Docker
# unset / auto           Docker when `docker info` succeeds, local otherwise
docker_engine_ok() {
  command -v docker >/dev/null 2>&1 || return 1
  if command -v timeout >/dev/null 2>&1; then
    timeout 15 docker info >/dev/null 2>&1
  else
    docker info >/dev/null 2>&1
  fi
}

docker_mode() {
  if [[ -n "${DOCKER_MODE_CACHED:-}" ]]; then
    [[ "$DOCKER_MODE_CACHED" == yes ]]
    return
  fi
  DOCKER_MODE_CACHED=no
  case "${PATHWISE_INFRA:-auto}" in
    local) ;;
    docker)
      docker_engine_ok ||
        die "PATHWISE_INFRA=docker but no Docker engine is reachable ('docker info' failed) — start Docker or unset PATHWISE_INFRA"
      docker compose version >/dev/null 2>&1 ||
        die "PATHWISE_INFRA=docker but the Docker Compose v2 plugin is missing ('docker compose version' failed) — install docker-compose-plugin or unset PATHWISE_INFRA"
      DOCKER_MODE_CACHED=yes
      ;;
    auto | "")
      # An engine without the compose plugin is treated as "no Docker".
      if docker_engine_ok && docker compose version >/dev/null 2>&1; then DOCKER_MODE_CACHED=yes; fi
      ;;
    *) die "PATHWISE_INFRA='$PATHWISE_INFRA' is not one of: local, docker, auto" ;;
  esac
  [[ "$DOCKER_MODE_CACHED" == yes ]]
}

compose() {
  docker compose --project-directory "$REPO_ROOT" -f "$REPO_ROOT/docker-compose.yml" --env-file "$ENV_FILE" "$@"
}

# Long-running compose services for components.
docker_services() {
  local c
  for c in "$@"; do printf '%s\n' "$c"; done
}

docker_up() {
  local t0 services
  t0="$(now)"
  mapfile -t services < <(docker_services "$@")
  say docker "starting ${services[*]} with docker compose (PATHWISE_INFRA=local forces local processes)…"
  compose up -d --wait --wait-timeout 180 "${services[@]}" ||
    die "docker compose up failed — see 'docker compose logs ${services[*]}'"
  # One-shot init jobs run explicitly (they exit, which `up --wait` would report as a failure).
  if [[ " ${services[*]} " == *" postgres "* ]]; then
    compose run --rm -T --no-deps postgres-init >/dev/null ||
      die "creating the service databases failed — see 'docker compose run --rm postgres-init'"
    say postgres "service databases in place"
  fi
  if [[ " ${services[*]} " == *" kafka "* ]]; then
    compose run --rm -T --no-deps kafka-init | tail -n 1 | sed 's/^/kafka     /' ||
      die "creating Kafka topics failed — see 'docker compose run --rm kafka-init'"
  fi
  say docker "ready: ${services[*]} ($(elapsed "$t0"))"
}

docker_down() {
  if [[ $# -eq ${#ALL_COMPONENTS[@]} ]]; then
    compose down --remove-orphans
  else
    local services
    mapfile -t services < <(docker_services "$@")
    compose stop "${services[@]}"
  fi
}

docker_status() {
  local c state health rc=0
  for c in "$@"; do
    state="$(compose ps -a --format '{{.State}} {{.Health}}' "$c" 2>/dev/null | head -n1)"
    health="${state#* }"
    state="${state%% *}"
    if [[ "$state" == running && ("$health" == healthy || -z "$health") ]]; then
      say "$c" "running (docker, $health)"
    else
      say "$c" "stopped (docker: ${state:-absent}${health:+, $health})"
      rc=1
    fi
  done
  return "$rc"
}

docker_logs() {
  local follow="$1"
  shift
  if [[ "$follow" == 1 ]]; then
    compose logs -f "$@"
  else
    compose logs --tail 200 "$@"
  fi
}
