#!/usr/bin/env bash
# Contract test: Schemathesis generates requests (valid and invalid, and stateful sequences from
# the document's links) from the committed docs/openapi/gateway.json and runs them against the
# platform as built processes, once per caller: anonymous, learner, editor. Every response must
# be a documented status, with a body matching its schema and the documented headers, and no 5xx.
#   bash tools/contract/run.sh     needs the infrastructure running (npm run infra:up)
# CONTRACT_MAX_EXAMPLES (per operation and phase) and CONTRACT_MAX_TIME (seconds per caller)
# bound the run; the callers run side by side. The seed is fixed, so a run is repeatable.
set -euo pipefail
cd "$(dirname "$0")/../.."

SCHEMATHESIS=()
read -r -a SCHEMATHESIS <<<"$(bash tools/contract/install.sh)"
max_examples="${CONTRACT_MAX_EXAMPLES:-15}"
max_time="${CONTRACT_MAX_TIME:-50}"
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
url="$(field url)"

# One Schemathesis run: document, base URL, caller name, then extra options (e.g. a header).
check() {
  local document="$1" base="$2" name="$3"; shift 3
  local dir="$work/$name" began=$SECONDS status=0
  mkdir -p "$dir"
  # From its own scratch folder: Schemathesis keeps state in ./.schemathesis, which must not land in the repo.
  (cd "$dir" && PYTHONPATH="$OLDPWD/tools/contract" SCHEMATHESIS_HOOKS=hooks "${SCHEMATHESIS[@]}" --config-file "$config" --no-color run "$OLDPWD/$document" --url "$base" "$@" \
    --checks all \
    --max-examples "$max_examples" --max-time "$max_time" \
    --seed 20261205 --workers 1 --request-timeout 10 \
    --generation-database none --output-sanitize true --output-truncate true) >"$dir/output.log" 2>&1 || status=$?
  echo "$status $((SECONDS - began))" >"$dir/result"
}

runs=()
pids=()
for role in anonymous learner editor; do
  auth=()
  [[ "$role" == anonymous ]] || auth=(-H "Authorization: Bearer $(field "$role")")
  check docs/openapi/gateway.json "$url" "gateway-$role" "${auth[@]}" &
  runs+=("gateway-$role")
  pids+=($!)
done
wait "${pids[@]}"

failed=0
summary=()
for name in "${runs[@]}"; do
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
