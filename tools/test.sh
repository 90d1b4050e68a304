#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit, then integration + e2e against real PostgreSQL, Redis, Kafka and
# Temporal (jest's global setup starts them when they are not running and stops what it started).
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

phase "lint" bash tools/lint.sh
phase "typecheck" npx tsc -p tsconfig.json --noEmit
phase "operations" bash tools/ops/check.sh
phase "unit" npx jest --selectProjects unit
phase "integration + e2e" npx jest --selectProjects integration e2e --runInBand

echo "── test phases ──"
printf '  %s\n' "${phases[@]}"
