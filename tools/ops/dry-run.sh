#!/usr/bin/env bash
# Server-side dry run of rendered Kubernetes manifests against a real, throwaway API server (the
# "kubectl dry-run=server" phase of tools/ops/check.sh). Starts etcd and kube-apiserver on
# loopback in a temporary folder, creates each namespace the manifests name labelled to enforce
# Pod Security "restricted", then runs `kubectl apply --dry-run=server --warnings-as-errors` on
# each file: the API server's own validation, defaulting and admission (Pod Security warns about
# a Deployment's or Job's pod template, and a warning fails the run). Everything started here is
# stopped on exit, failure included.
#
#   KUBE_APISERVER=… KUBECTL=… bash tools/ops/dry-run.sh rendered.yaml…
#   bash tools/ops/dry-run.sh --ensure-etcd      only install etcd when missing
#
# etcd comes from Debian's etcd-server package, installed here when missing (needs root); the
# API server and kubectl are built by tools/ops/check.sh (tools/ops/kubernetes).
set -euo pipefail

ensure_etcd() {
  command -v etcd > /dev/null && return 0
  if [[ $EUID -ne 0 ]]; then
    echo "etcd is missing: apt-get install etcd-server (as root), then run again" >&2
    return 1
  fi
  echo "installing Debian's etcd-server…"
  # Another apt run on the machine holds the lock for a while: wait for it rather than fail.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 etcd-server > /dev/null
}
ensure_etcd
[[ "${1:-}" == --ensure-etcd ]] && exit 0
: "${KUBE_APISERVER:?path to kube-apiserver}" "${KUBECTL:?path to kubectl}"
(($# > 0)) || { echo "usage: dry-run.sh rendered.yaml…" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
stop() {
  local rc=$? pid
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  if ((rc != 0)) && [[ -z "${ready:-}" ]]; then
    echo "── kube-apiserver log (last 30 lines) ──" >&2
    tail -n 30 "$work/kube-apiserver.log" >&2 2> /dev/null || true
    echo "── etcd log (last 10 lines) ──" >&2
    tail -n 10 "$work/etcd.log" >&2 2> /dev/null || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Ports the kernel hands out, so that concurrent runs on one machine do not collide.
read -r etcd_port peer_port api_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')

# A CA, the API server's serving certificate signed by it (kubectl verifies it), and the
# service-account signing key pair. kubectl authenticates with a static token of a member of
# system:masters, which RBAC's bootstrap policy binds to cluster-admin.
openssl_quiet() { openssl "$@" 2> "$work/openssl.log" || { cat "$work/openssl.log" >&2; return 1; }; }
openssl_quiet req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
  -subj /CN=pathwise-dry-run-ca -keyout "$work/ca.key" -out "$work/ca.crt"
openssl_quiet req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=kube-apiserver \
  -keyout "$work/apiserver.key" -out "$work/apiserver.csr"
openssl_quiet x509 -req -in "$work/apiserver.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
  -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n') -out "$work/apiserver.crt"
openssl_quiet genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/service-account.key"
openssl_quiet pkey -in "$work/service-account.key" -pubout -out "$work/service-account.pub"
token="$(openssl rand -hex 24)"
printf '%s,pathwise-check,pathwise-check,"system:masters"\n' "$token" > "$work/tokens.csv"

started=$SECONDS
etcd --name dry-run --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "dry-run=http://127.0.0.1:$peer_port" > "$work/etcd.log" 2>&1 &
pids+=($!)

# Only what a dry run needs: no kubelets, no cloud, no aggregation. Admission is the default set,
# which includes PodSecurity. Privileged containers are allowed, as on most clusters, so that
# Pod Security is what refuses them.
"$KUBE_APISERVER" \
  --etcd-servers "http://127.0.0.1:$etcd_port" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
  --cert-dir "$work/certs" --tls-cert-file "$work/apiserver.crt" --tls-private-key-file "$work/apiserver.key" \
  --token-auth-file "$work/tokens.csv" --authorization-mode RBAC --anonymous-auth=false \
  --service-account-issuer https://kubernetes.default.svc \
  --service-account-key-file "$work/service-account.pub" --service-account-signing-key-file "$work/service-account.key" \
  --service-cluster-ip-range 10.96.0.0/16 \
  --allow-privileged=true --profiling=false --enable-priority-and-fairness=false > "$work/kube-apiserver.log" 2>&1 &
pids+=($!)

cat > "$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: dry-run
    cluster: { server: "https://127.0.0.1:$api_port", certificate-authority: "$work/ca.crt" }
users:
  - name: pathwise-check
    user: { token: "$token" }
contexts:
  - name: dry-run
    context: { cluster: dry-run, user: pathwise-check }
current-context: dry-run
EOF
kubectl() { "$KUBECTL" --kubeconfig "$work/kubeconfig" --cache-dir "$work/kube-cache" "$@"; }
# Polling with curl: a kubectl start costs more CPU than the request.
api() { curl -sf --cacert "$work/ca.crt" -H "Authorization: Bearer $token" "https://127.0.0.1:$api_port$1"; }

# /readyz is ready once the bootstrap RBAC policy and the built-in namespaces are in place.
until api /readyz > /dev/null 2>&1; do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2> /dev/null || { echo "etcd or kube-apiserver exited during startup" >&2; exit 1; }
  done
  ((SECONDS - started < 90)) || { echo "kube-apiserver not ready after 90s" >&2; exit 1; }
  sleep 0.5
done
ready=1
echo "kube-apiserver $(api /version | python3 -c 'import json,sys; print(json.load(sys.stdin)["gitVersion"])') and etcd $(etcd --version | sed -n 's/^etcd Version: //p') ready in $((SECONDS - started))s"

# Each namespace the manifests name, as an operator creates it (k8s/README.md): enforcing the
# restricted profile at the server's version, with audit and warn at the same level.
namespaces=$(grep -hoE '^  namespace: \S+' "$@" | awk '{ print $2 }' | sort -u)
for namespace in $namespaces; do
  printf -- '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n  labels:\n' "$namespace"
  for mode in enforce audit warn; do printf '    pod-security.kubernetes.io/%s: restricted\n' "$mode"; done
done | kubectl create -f - > /dev/null
echo "namespaces $(echo $namespaces): Pod Security restricted (enforce, audit, warn)"

# One kubectl run for every file (errors name the file). --validate=strict: unknown or
# duplicate fields are errors on the server (field validation).
args=()
for file in "$@"; do args+=(-f "$file"); done
kubectl apply --dry-run=server --warnings-as-errors --validate=strict "${args[@]}"
