#!/usr/bin/env bash
# Contract test: Schemathesis generates requests (valid and invalid, and stateful sequences from
# the documents' links) from the committed docs/openapi/*.json and runs them against the platform
# as built processes: the gateway as anonymous, learner and editor, and each service with its
# callers' credentials. Every response must be a documented status, with a body matching its
# schema and the documented headers, and no 5xx; what a document allows must be accepted and
# what it forbids refused.
#   bash tools/contract/run.sh     needs the infrastructure running (npm run infra:up)
# CONTRACT_MAX_EXAMPLES (per operation and phase) and CONTRACT_MAX_TIME (seconds per run) bound
# it; CONTRACT_JOBS runs go side by side. The seed is fixed, so a run is repeatable.
set -euo pipefail
cd "$(dirname "$0")/../.."

SCHEMATHESIS=()
read -r -a SCHEMATHESIS <<<"$(bash tools/contract/install.sh)"
max_examples="${CONTRACT_MAX_EXAMPLES:-15}"
max_time="${CONTRACT_MAX_TIME:-30}"
parallel="${CONTRACT_JOBS:-3}"
config="$PWD/tools/contract/schemathesis.toml"

work="$(mktemp -d)"
platform_pid=""
stop() {
  if [[ -n "$platform_pid" ]] && kill -0 "$platform_pid" 2>/dev/null; then
    kill -TERM "$platform_pid"
    wait "$platform_pid" || true
  fi
  rm -rf "$work"
}
trap stop EXIT

started=$SECONDS
bash tools/with-node.sh node tools/contract/platform.mjs "$work/ready.json" >"$work/platform.log" 2>&1 &
platform_pid=$!
for _ in $(seq 1 240); do
  [[ -s "$work/ready.json" ]] && break
  kill -0 "$platform_pid" 2>/dev/null || { cat "$work/platform.log" >&2; echo "contract: the platform did not start" >&2; exit 1; }
  sleep 0.5
done
[[ -s "$work/ready.json" ]] || { tail -50 "$work/platform.log" >&2; echo "contract: the platform was not ready in 120 s" >&2; exit 1; }
echo "contract: platform ready in $((SECONDS - started))s"
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/ready.json" "$1"; }
service() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["services"][sys.argv[2]][sys.argv[3]])' "$work/ready.json" "$1" "$2"; }
url="$(field url)"
roadmap="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["roadmap"]["slug"])' "$work/ready.json")"

# One Schemathesis run: document, base URL, caller name, then extra options (e.g. a header).
check() {
  local document="$1" base="$2" name="$3"; shift 3
  local dir="$work/$name" began=$SECONDS status=0
  mkdir -p "$dir"
  # From its own scratch folder: Schemathesis keeps state in ./.schemathesis, which must not land in the repo.
  (cd "$dir" && CONTRACT_ROADMAP="$roadmap" PYTHONPATH="$OLDPWD/tools/contract" SCHEMATHESIS_HOOKS=hooks "${SCHEMATHESIS[@]}" --config-file "$config" --no-color run "$OLDPWD/$document" --url "$base" "$@" \
    --checks all \
    --max-examples "$max_examples" --max-time "$max_time" \
    --seed 20261205 --workers 1 --request-timeout 10 \
    --generation-database none --output-sanitize true --output-truncate true) >"$dir/output.log" 2>&1 || status=$?
  echo "$status $((SECONDS - began))" >"$dir/result"
}

# Every document, with the callers its operations are for. The gateway as an anonymous client, a
# learner and an editor, each run once for the generated requests (coverage and fuzzing) and once
# for stateful sequences along the document's links (create draft → read → change → publish,
# enroll → read → change), which need their own time. The services as their real callers do:
# the gateway's token for a learner or an editor, and the saga-worker's service token for the
# internal routes (ADR 0050).
runs=(
  "gateway-anonymous|docs/openapi/gateway.json|$url||"
  "gateway-learner|docs/openapi/gateway.json|$url|$(field learner)|--phases=coverage,fuzzing"
  "gateway-editor|docs/openapi/gateway.json|$url|$(field editor)|--phases=coverage,fuzzing"
  "gateway-learner-stateful|docs/openapi/gateway.json|$url|$(field learner)|--phases=stateful"
  "gateway-editor-stateful|docs/openapi/gateway.json|$url|$(field editor)|--phases=stateful"
  "catalog-editor|docs/openapi/catalog.json|$(service catalog url)|$(service catalog user)|"
  "progress-learner|docs/openapi/progress.json|$(service progress url)|$(service progress user)|--exclude-path-regex=^/internal/"
  "progress-service|docs/openapi/progress.json|$(service progress url)|$(service progress service)|--include-path-regex=^/internal/"
  "recommendation-learner|docs/openapi/recommendation.json|$(service recommendation url)|$(service recommendation user)|--exclude-path-regex=^/internal/"
  "recommendation-service|docs/openapi/recommendation.json|$(service recommendation url)|$(service recommendation service)|--include-path-regex=^/internal/"
)
names=()
pids=()
for run in "${runs[@]}"; do
  IFS='|' read -r name document base token option <<<"$run"
  # At most $parallel at once (the platform itself is one more background job): two cores also run the platform.
  while (($(jobs -rp | wc -l) > parallel)); do wait -n || true; done
  args=()
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$option" ]] && args+=("$option")
  check "$document" "$base" "$name" "${args[@]}" &
  names+=("$name")
  pids+=($!)
done
wait "${pids[@]}"

failed=0
summary=()
for name in "${names[@]}"; do
  read -r status took <"$work/$name/result"
  echo "── contract: $name ──"
  cat "$work/$name/output.log"
  summary+=("$(printf '%-28s %4ss  %s' "$name" "$took" "$([[ $status -eq 0 ]] && echo passed || echo "FAILED (exit $status)")")")
  [[ $status -eq 0 ]] || failed=1
done

echo "── contract results ──"
printf '  %s\n' "${summary[@]}"
echo "  total $((SECONDS - started))s"
exit "$failed"
