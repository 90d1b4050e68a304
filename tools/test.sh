#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit, then integration + e2e against real PostgreSQL, Redis, Kafka and
# Temporal (jest's global setup starts them when they are not running and stops what it started),
# then the contract test (Schemathesis against the built platform, tools/contract/run.sh), then the
# web app in Chromium against the whole platform (tools/web/browser-test.sh), then every app's
# container image built and run against them.
set -euo pipefail
cd "$(dirname "$0")/.."

phases=()
phase() {
  local name="$1"; shift
  local started=$SECONDS
  echo "── $name ──"
  "$@"
  phases+=("$(printf '%-22s %4ss' "$name" $((SECONDS - started)))")
}

# The phases from "integration + e2e" on need PostgreSQL, Redis, Kafka and Temporal. They are started
# once here when not already running (jest's global setup then reuses them) and stopped at the end
# only if this script started them.
infra_started=false
stop_infra() { if [ "$infra_started" = true ]; then bash infra/bin/infra.sh down >/dev/null 2>&1 || true; fi; }
trap stop_infra EXIT
start_infra() {
  if bash infra/bin/infra.sh status >/dev/null 2>&1; then echo "already running, reused"; return 0; fi
  infra_started=true
  bash infra/bin/infra.sh up
}

phase "lint" bash tools/lint.sh
phase "typecheck" npx tsc -p tsconfig.json --noEmit
phase "operations" bash tools/ops/check.sh
phase "unit" npx jest --selectProjects unit
phase "infrastructure" start_infra
phase "integration + e2e" npx jest --selectProjects integration e2e --runInBand
# Every OpenAPI document against the running platform; a failure fails npm test (docs/contributing.md).
phase "contract" bash tools/contract/run.sh
phase "browser (web app)" bash tools/web/browser-test.sh
# Builds every app image (buildah) and runs each against the infrastructure above (podman).
phase "images" bash tools/ops/images.sh

echo "── test phases ──"
printf '  %s\n' "${phases[@]}"
