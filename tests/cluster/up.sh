#!/usr/bin/env bash
# Starts a real Kubernetes control plane for the tests on 127.0.0.1: etcd, kube-apiserver and
# kube-controller-manager v1.20.2, all over TLS with a CA made for this run. No scheduler, no
# kubelet: Pods stay Pending, everything else (RBAC, controllers, service accounts) is real.
#
#   tests/cluster/up.sh DIR      # writes DIR/kubeconfig (contexts admin, limited), DIR/env, ...
#   tests/cluster/down.sh DIR    # stops it again
#
# Layout of DIR:
#   kubeconfig                  cluster gitops-test; contexts admin (current) and limited
#   env                         shell-sourceable: APISERVER_URL, ports, pids, paths
#   limited.token               bearer token of the RBAC-limited user gitops-limited
#   pki/                        ca.crt, admin.crt, admin.key and the other keys of this run
#   logs/                       etcd.log, kube-apiserver.log, kube-controller-manager.log
#   run/                        one NAME.pid per process (what down.sh stops)
#   etcd/                       etcd's data (removed by down.sh)
#
# Environment:
#   GITOPS_TEST_APISERVER_EXTRA_ARGS   extra kube-apiserver flags, split on whitespace
#   GITOPS_TEST_CLUSTER_TIMEOUT        seconds each component may take to come up (default 90)
#
# On failure it prints the tail of the failing component's log, stops what it started and exits 1.
set -euo pipefail

k_script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
k_repo="$(cd "$k_script_dir/../.." && pwd)"
readonly k_script_dir k_repo
readonly k_timeout="${GITOPS_TEST_CLUSTER_TIMEOUT:-90}"
readonly k_service_cidr=10.0.0.0/16  # room for the 2,000-object benchmarks
readonly k_service_ip=10.0.0.1

log() { echo "cluster-up: $*" >&2; }

usage() {
  echo "usage: $0 DIR" >&2
  exit 2
}

# --- prerequisites -------------------------------------------------------------------------------

ensure_tools() {
  local t missing=0
  for t in etcd openssl curl setsid flock base64; do
    command -v "$t" >/dev/null 2>&1 || missing=1
  done
  if [ "$missing" -ne 0 ]; then
    log "installing missing packages with scripts/install-deps.sh"
    "$k_repo/scripts/install-deps.sh" >&2
  fi
}

# --- ports ---------------------------------------------------------------------------------------

# Local ports any socket (listening or connected) holds, from /proc so no extra tool is needed.
used_ports() {
  local f _sl local_address _rest
  for f in /proc/net/tcp /proc/net/tcp6; do
    [ -r "$f" ] || continue
    while read -r _sl local_address _rest; do
      if [[ $local_address == *:* ]]; then echo $((16#${local_address##*:})); fi
    done < <(tail -n +2 "$f")
  done
}

# Prints N distinct free ports from a random spot of the unprivileged range, so two clusters
# started at the same time rarely pick the same ones.
free_ports() {
  local n=$1 used port picked=()
  used=" $(used_ports | tr '\n' ' ') "
  while [ ${#picked[@]} -lt "$n" ]; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 30000))
    case "$used ${picked[*]} " in *" $port "*) continue ;; esac
    picked+=("$port")
  done
  echo "${picked[*]}"
}

# --- PKI -----------------------------------------------------------------------------------------

# new_cert NAME SUBJECT EXT: key + certificate signed by this run's CA. EC P-256 keeps it fast.
new_cert() {
  local name=$1 subject=$2 ext=$3 pki=$DIR/pki
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$pki/$name.key" -subj "$subject" -out "$pki/$name.csr" 2>/dev/null
  printf '%s\n' "$ext" >"$pki/$name.ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -sha256 -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr" "$pki/$name.ext"
}

make_pki() {
  local pki=$DIR/pki
  mkdir -p "$pki"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" -subj "/CN=gitops-test-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>/dev/null
  local client="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
  # One serving certificate for etcd, the apiserver and the controller-manager: all on loopback.
  # It is also etcd's peer certificate, hence clientAuth.
  new_cert serving "/CN=kube-apiserver" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,IP:$k_service_ip,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  new_cert admin "/O=system:masters/CN=gitops-admin" "$client"
  new_cert controller-manager "/CN=system:kube-controller-manager" "$client"
  new_cert etcd-client "/CN=kube-apiserver-etcd-client" "$client"
  # Service-account tokens are signed with ES256 (1.20 supports it); an RSA key costs seconds.
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$pki/sa.key" 2>/dev/null
  openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  # The limited user authenticates with a static token: a second, different auth path.
  openssl rand -hex 24 >"$DIR/limited.token"
  printf '%s,gitops-limited,gitops-limited-uid,"gitops-testers"\n' "$(cat "$DIR/limited.token")" \
    >"$pki/tokens.csv"
  chmod 600 "$pki"/*.key "$pki/tokens.csv" "$DIR/limited.token"
}

b64() { base64 -w0 <"$1"; }

write_kubeconfigs() {
  local pki=$DIR/pki
  # Everything embedded (-data), so the file can be copied anywhere and still work.
  cat >"$DIR/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: gitops-test
  cluster:
    server: $APISERVER_URL
    certificate-authority-data: $(b64 "$pki/ca.crt")
users:
- name: gitops-admin
  user:
    client-certificate-data: $(b64 "$pki/admin.crt")
    client-key-data: $(b64 "$pki/admin.key")
- name: gitops-limited
  user:
    token: $(cat "$DIR/limited.token")
contexts:
- name: admin
  context:
    cluster: gitops-test
    user: gitops-admin
    namespace: default
- name: limited
  context:
    cluster: gitops-test
    user: gitops-limited
    namespace: default
current-context: admin
preferences: {}
EOF
  cat >"$DIR/controller-manager.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: gitops-test
  cluster:
    server: $APISERVER_URL
    certificate-authority: $pki/ca.crt
users:
- name: controller-manager
  user:
    client-certificate: $pki/controller-manager.crt
    client-key: $pki/controller-manager.key
contexts:
- name: controller-manager
  context:
    cluster: gitops-test
    user: controller-manager
current-context: controller-manager
EOF
  chmod 600 "$DIR/kubeconfig" "$DIR/controller-manager.kubeconfig"
}

# --- processes -----------------------------------------------------------------------------------

# start NAME COMMAND...: runs it detached from our session and stdio (ctest waits for its pipes
# to close) and records its pid at once, so a failure right after still stops it.
start() {
  local name=$1
  shift
  setsid "$@" </dev/null >"$DIR/logs/$name.log" 2>&1 &
  echo $! >"$DIR/run/$name.pid"
  log "started $name (pid $!)"
}

failed_component=""
# wait_for NAME CHECK...: polls CHECK until it succeeds; fails when NAME exits or time runs out.
wait_for() {
  local name=$1 pid deadline=$((SECONDS + k_timeout))
  shift
  pid=$(cat "$DIR/run/$name.pid")
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      failed_component=$name
      log "error: $name exited before it was ready"
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      failed_component=$name
      log "error: $name was not ready within $k_timeout s"
      return 1
    fi
    sleep 0.2
  done
}

admin_curl() {
  curl -sS --fail --max-time 5 --cacert "$DIR/pki/ca.crt" \
    --cert "$DIR/pki/admin.crt" --key "$DIR/pki/admin.key" "$@"
}

etcd_healthy() {
  curl -sS --fail --max-time 5 --cacert "$DIR/pki/ca.crt" --cert "$DIR/pki/etcd-client.crt" \
    --key "$DIR/pki/etcd-client.key" "$ETCD_URL/health" | grep -q '"health":"true"'
}
apiserver_ready() { [ "$(admin_curl "$APISERVER_URL/readyz")" = ok ]; }
# The token controller gives every namespace a `default` ServiceAccount: proof it is running.
default_sa_exists() { admin_curl "$APISERVER_URL/api/v1/namespaces/default/serviceaccounts/default"; }
# ClusterRole view is aggregated by the controller-manager; until then it grants nothing.
limited_can_read() {
  curl -sS --fail --max-time 5 --cacert "$DIR/pki/ca.crt" \
    -H "Authorization: Bearer $(cat "$DIR/limited.token")" \
    "$APISERVER_URL/api/v1/namespaces/default/configmaps?limit=1"
}

start_etcd() {
  local pki=$DIR/pki peer="https://127.0.0.1:$ETCD_PEER_PORT"
  start etcd etcd --name gitops-test --data-dir "$DIR/etcd" \
    --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
    --initial-cluster "gitops-test=$peer" --initial-cluster-state new \
    --cert-file "$pki/serving.crt" --key-file "$pki/serving.key" \
    --trusted-ca-file "$pki/ca.crt" --client-cert-auth \
    --peer-cert-file "$pki/serving.crt" --peer-key-file "$pki/serving.key" \
    --peer-trusted-ca-file "$pki/ca.crt" --peer-client-cert-auth \
    --logger zap --log-level warn
}

# The endpoint reconciler is off: it would publish 127.0.0.1 as the `kubernetes` Service's
# endpoint, which validation rejects (loopback), and log that error every ten seconds.
start_apiserver() {
  local pki=$DIR/pki extra=()
  # Word splitting is the point: the variable holds a list of flags.
  read -ra extra <<<"${GITOPS_TEST_APISERVER_EXTRA_ARGS:-}"
  start kube-apiserver "$KUBE_BIN_DIR/kube-apiserver" \
    --advertise-address 127.0.0.1 --bind-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
    --insecure-port 0 --cert-dir "$DIR/run/apiserver-certs" \
    --etcd-servers "$ETCD_URL" --etcd-cafile "$pki/ca.crt" \
    --etcd-certfile "$pki/etcd-client.crt" --etcd-keyfile "$pki/etcd-client.key" \
    --tls-cert-file "$pki/serving.crt" --tls-private-key-file "$pki/serving.key" \
    --client-ca-file "$pki/ca.crt" --token-auth-file "$pki/tokens.csv" \
    --authorization-mode Node,RBAC \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range "$k_service_cidr" \
    --endpoint-reconciler-type none \
    "${extra[@]}"
}

start_controller_manager() {
  local pki=$DIR/pki kc=$DIR/controller-manager.kubeconfig
  # Leader election off: a single instance, and it would only delay the start.
  start kube-controller-manager "$KUBE_BIN_DIR/kube-controller-manager" \
    --kubeconfig "$kc" --authentication-kubeconfig "$kc" --authorization-kubeconfig "$kc" \
    --bind-address 127.0.0.1 --secure-port "$CONTROLLER_MANAGER_PORT" --port 0 \
    --tls-cert-file "$pki/serving.crt" --tls-private-key-file "$pki/serving.key" \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --use-service-account-credentials \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --service-cluster-ip-range "$k_service_cidr" \
    --controllers '*' --leader-elect=false
}

# gitops-limited may read (ClusterRole view) in namespace default and nothing else.
bind_limited_user() {
  admin_curl -X POST -H 'Content-Type: application/json' \
    "$APISERVER_URL/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings" \
    -d '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding",
         "metadata":{"name":"gitops-limited-view","namespace":"default"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
         "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"gitops-limited"}]}' \
    >/dev/null
}

write_env() {
  cat >"$DIR/env" <<EOF
# Written by tests/cluster/up.sh; source it.
CLUSTER_DIR='$DIR'
CLUSTER_KUBECONFIG='$DIR/kubeconfig'
KUBE_BIN_DIR='$KUBE_BIN_DIR'
APISERVER_URL='$APISERVER_URL'
APISERVER_PORT=$APISERVER_PORT
ETCD_URL='$ETCD_URL'
ETCD_CLIENT_PORT=$ETCD_CLIENT_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
CONTROLLER_MANAGER_PORT=$CONTROLLER_MANAGER_PORT
ETCD_PID=$(cat "$DIR/run/etcd.pid")
APISERVER_PID=$(cat "$DIR/run/kube-apiserver.pid")
CONTROLLER_MANAGER_PID=$(cat "$DIR/run/kube-controller-manager.pid")
EOF
}

# --- failure -------------------------------------------------------------------------------------

on_exit() {
  local rc=$?
  [ "$rc" -eq 0 ] && return
  if [ -n "$failed_component" ] && [ -f "$DIR/logs/$failed_component.log" ]; then
    echo "---- last 30 lines of $DIR/logs/$failed_component.log ----" >&2
    tail -n 30 "$DIR/logs/$failed_component.log" >&2
    echo "----" >&2
  fi
  log "stopping what was started"
  "$k_script_dir/down.sh" "$DIR" >&2 || true
  exit "$rc"
}

main() {
  [ $# -eq 1 ] || usage
  mkdir -p "$1"
  DIR=$(cd "$1" && pwd)
  # A cluster already running from this DIR goes first: its ports and data would collide.
  "$k_script_dir/down.sh" "$DIR" >&2
  rm -rf "$DIR/pki" "$DIR/logs" "$DIR/run" "$DIR/etcd" "$DIR/env" "$DIR/kubeconfig"
  mkdir -p "$DIR/logs" "$DIR/run"
  trap on_exit EXIT
  trap 'exit 130' INT TERM

  ensure_tools
  KUBE_BIN_DIR="$("$k_script_dir/build-kube.sh")/bin"

  local start_time=$SECONDS
  read -r ETCD_CLIENT_PORT ETCD_PEER_PORT APISERVER_PORT CONTROLLER_MANAGER_PORT <<<"$(free_ports 4)"
  ETCD_URL="https://127.0.0.1:$ETCD_CLIENT_PORT"
  APISERVER_URL="https://127.0.0.1:$APISERVER_PORT"
  make_pki
  write_kubeconfigs

  start_etcd
  wait_for etcd etcd_healthy
  start_apiserver
  wait_for kube-apiserver apiserver_ready
  start_controller_manager
  bind_limited_user
  wait_for kube-controller-manager default_sa_exists
  wait_for kube-controller-manager limited_can_read
  write_env
  log "control plane up in $((SECONDS - start_time)) s: $APISERVER_URL (kubeconfig $DIR/kubeconfig)"
}

main "$@"
