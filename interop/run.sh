#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# End-to-end against a REAL Coder: builds the harness for one Coder release (CODER_VERSION=v2.20.0,
# v2.24.1 (the default) or v2.30.0; coderd from the Go module proxy with its test database, embedded
# DERP, one workspace with a real agent) and runs it on the loopback of a network namespace of its
# own, beside our Java client, as root: sign-in over REST, the tailnet control plane over its
# websocket, WireGuard through coderd's DERP relay, our DNS shim for the .coder names (the
# namespace starts with a plain resolv.conf naming a DNS server of its own,
# scripts/netns/upstream-dns.sh, which the service takes over), then ping6, HTTP and ssh to the
# workspace BY NAME; then coder-desktop ports and apps (the harness's HTTP port, its apps with the
# dashboard's URLs), coder-desktop stop and start (the agent leaves our list and comes back, ping6
# by name works again), and finally a workspace stop through the real API, after which the agent
# must leave our list. Releases that need PostgreSQL get a throwaway server inside the namespace
# (lib/postgres.sh).
# Prints one line per check and ends with "real-coder e2e: PASS" or "real-coder e2e: FAIL".
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
INTEROP=$(pwd)
source "$ROOT/scripts/java-home.sh"
source "$ROOT/scripts/netns/upstream-dns.sh"
source lib/harness.sh
source lib/postgres.sh
source lib/uplink.sh
harness_release

WORK=$(mktemp -d /tmp/cdj-interop.XXXXXX)
IFACE="coder0"
NS="cdjcoder$RANDOM"
HARNESS_PID=""
CLIENT_PID=""
result=FAIL
cleanup() {
  [[ -n $CLIENT_PID ]] && kill -TERM "$CLIENT_PID" 2>/dev/null && wait "$CLIENT_PID" 2>/dev/null || true
  if [[ -n $HARNESS_PID ]]; then
    echo quit >&7 2>/dev/null || true
    kill -TERM "$HARNESS_PID" 2>/dev/null || true
    wait "$HARNESS_PID" 2>/dev/null || true
  fi
  upstream_dns_down
  pg_stop
  ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  uplink_del
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "/etc/netns/$NS" "$WORK"
  echo "real-coder e2e: $result"
}
trap cleanup EXIT

source "$ROOT/scripts/lib.sh"
on_fail() {
  echo "---- client log"; tail -n 40 "$WORK/client.log" || true
  echo "---- harness log (tail)"; tail -n 20 "$WORK/harness.err" || true
}

# ---- direct paths ------------------------------------------------------------------------------
# By default the path to the agent must turn direct (UDP, found with coderd's STUN and disco) within
# 5 s of the first ping reply, and `coder-desktop status` must name the agent's address. With
# DIRECT_DISABLED=1 (the deployment's CODER_BLOCK_DIRECT, sent to clients as
# disable_direct_connections) or NO_DIRECT=1 (`coder-desktop up --no-direct`) it must stay on DERP
# and everything else must still work.
DIRECT_ROW=' connected +[0-9.]+ms +direct [0-9a-f.:]+:[0-9]+|direct \[[0-9a-f:]+\]:[0-9]+'
DERP_ROW=' connected +[0-9.]+ms +DERP \('
check_direct_path() {
  if [[ -n ${DIRECT_DISABLED:-} || -n ${NO_DIRECT:-} ]]; then
    local why="the user's --no-direct"
    if [[ -n ${DIRECT_DISABLED:-} ]]; then
      why="the deployment's disable_direct_connections"
      grep -q "direct connections: disabled by the deployment" "$WORK/client.log" ||
        fail "the service did not see the deployment's disable_direct_connections"
    fi
    wait_for 20 "a DERP path in coder-desktop status" bash -c "$(declare -f cli in_ns); CLI_CP='$CLI_CP' JAVA_HOME='$JAVA_HOME' NS='$NS' WORK='$WORK' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' cli status | grep -qE '$DERP_ROW'"
    # Watch past a probe round and the 5 s budget: the path must never leave DERP.
    local until=$(($(date +%s) + 8))
    while (($(date +%s) < until)); do
      cli status >"$WORK/status.out" 2>&1 || true
      grep -qE "$DIRECT_ROW" "$WORK/status.out" && fail "the path went direct despite $why: $(cat "$WORK/status.out")"
    done
    ok "the path stays on DERP ($why): $(grep -oE 'DERP \([^)]*\)' "$WORK/status.out" | head -n 1)"
    return
  fi
  # The service logs when the path turned direct, on its own clock, relative to the first WireGuard
  # handshake (which the first reply needs): that is the measurement; the status calls below only
  # observe it (each starts a JVM, seconds on a loaded machine).
  local deadline=$((FIRST_REPLY_NS + 5000000000))
  while :; do
    cli status >"$WORK/status.out" 2>&1 || true
    grep -qE "$DIRECT_ROW" "$WORK/status.out" && break
    (($(date +%s%N) > deadline)) &&
      fail "the path did not turn direct within 5 s of the first reply: $(cat "$WORK/status.out")"
    sleep 0.2
  done
  local ms=$((($(date +%s%N) - FIRST_REPLY_NS) / 1000000))
  local svc
  svc=$(grep -oE "direct path to .*" "$WORK/client.log" | head -n 1)
  [[ -n $svc ]] || fail "the service did not log its direct path"
  if [[ $svc =~ ([0-9]+)\ ms\ after\ the\ last\ handshake ]] && ((BASH_REMATCH[1] > 5000)); then
    fail "the path turned direct more than 5 s after the first handshake: $svc"
  fi
  ok "the path is direct: service: $svc; coder-desktop status shows $(grep -oE 'direct [^ ]+' "$WORK/status.out" | head -n 1) (seen ${ms} ms after the first reply)"
}

step "building the harness (coder $CODER_VERSION; a first build downloads ~3 GB of modules)"
harness_build || fail "harness build"
ok "harness built: ${HARNESS_BIN#"$ROOT"/}"

if [[ ${SKIP_BUILD:-} != 1 ]]; then
  step "building the Java client"
  (cd "$ROOT" && ./mvnw -B -q install -DskipTests)
fi
[[ -f "$ROOT/desktop-cli/target/classpath.txt" ]] || fail "the Java build produced no CLI classpath"
CP="$ROOT/vpn-service/target/classes:$(cat "$ROOT/vpn-service/target/classpath.txt")"

step "creating namespace $NS (a plain resolv.conf naming a DNS server of its own)"
ip netns add "$NS"
ip -n "$NS" link set lo up
upstream_dns_up "$NS"
uplink_add "$NS"

if [[ -n $HARNESS_POSTGRES ]]; then
  step "starting PostgreSQL in the namespace (coder $CODER_VERSION has no in-memory database)"
  pg_start "$NS" || fail "PostgreSQL did not start"
  ok "PostgreSQL on 127.0.0.1:5432 in $NS, data in $PG_DIR"
fi

step "starting a real Coder deployment"
harness_start 300 CODER_DESKTOP_DERP_WEBSOCKETS="${DERP_WEBSOCKETS:-}" \
  CODER_DESKTOP_BLOCK_DIRECT="${DIRECT_DISABLED:-}"
URL=$(harness_field url)
VERSION=$(harness_field version)
AGENT_ID=$(harness_field agent_id)
WS_NAME=$(harness_field workspace)
HTTP_PORT=$(harness_field http_port)
APP_PORT=$(harness_field app_port)
USERNAME=$(harness_field username)
AGENT_NAME=$(harness_field agent)
harness_field token >"$WORK/token"
chmod 600 "$WORK/token"
ok "coder $VERSION at $URL, workspace $WS_NAME, agent $AGENT_ID${DERP_WEBSOCKETS:+ (DERP over websockets only)}"

AGENT_IP=$(python3 -c "
import uuid,ipaddress,sys
b=bytearray(uuid.UUID(sys.argv[1]).bytes); b[0:6]=bytes.fromhex('fd60627aa42b')
print(ipaddress.IPv6Address(bytes(b)))" "$AGENT_ID")

CLI_CP="$ROOT/desktop-cli/target/classes:$(cat "$ROOT/desktop-cli/target/classpath.txt")"
export XDG_CONFIG_HOME="$WORK/config"

step "starting our service (it owns the TUN device, addresses, route and DNS shim)"
in_ns "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" \
  dev.coderdesktop.vpn.service.ServiceMain --socket "$WORK/vpn.sock" --interface "$IFACE" \
  --state-dir "$WORK/state" >"$WORK/client.log" 2>&1 &
CLIENT_PID=$!
wait_for 30 "the service listens on its socket" test -S "$WORK/vpn.sock"
ok "service listening on $WORK/vpn.sock"

step "coder-desktop login / up"
cli login --url "$URL" --allow-insecure-http --token-file "$WORK/token" >"$WORK/cli.out" 2>&1 || fail "login: $(cat "$WORK/cli.out")"
ok "$(cat "$WORK/cli.out")"
[[ $(stat -c %a "$XDG_CONFIG_HOME/coder-desktop/credentials") == 600 ]] || fail "the stored token is not private"
cli up ${NO_DIRECT:+--no-direct} >"$WORK/cli.out" 2>&1 || fail "up: $(cat "$WORK/cli.out")"
ok "$(cat "$WORK/cli.out")"

wait_for 30 "the workspace list arrives with the agent" bash -c "$(declare -f cli in_ns); CLI_CP='$CLI_CP' JAVA_HOME='$JAVA_HOME' NS='$NS' WORK='$WORK' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' cli hosts | grep -q ."
HOST=$(cli hosts | head -n 1)
[[ $HOST == "${WS_NAME,,}.coder" ]] || fail "the agent's name is $HOST, expected ${WS_NAME,,}.coder"
ok "coder-desktop hosts lists $HOST"

wait_for 10 "$HOST resolves through the system resolver" bash -c "ip netns exec $NS getent ahosts $HOST | grep -q $AGENT_IP"
ok "$HOST resolves to $AGENT_IP"
upstream_dns_check
wait_for 60 "ping6 $HOST over the DERP relay" in_ns ping -6 -c 1 -W 2 "$HOST"
FIRST_REPLY_NS=$(date +%s%N)
ok "ping6 $HOST answers"
check_direct_path
cli ping -c 2 "$HOST" >"$WORK/cli.out" 2>&1 || fail "coder-desktop ping: $(cat "$WORK/cli.out")"
ok "coder-desktop ping $HOST answers"
wait_for 20 "the handshake shows in coder-desktop status" bash -c "$(declare -f cli in_ns); CLI_CP='$CLI_CP' JAVA_HOME='$JAVA_HOME' NS='$NS' WORK='$WORK' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' cli status | grep -qE ' connected +'"
ok "WireGuard handshake with the real agent completed"
wait_for 20 "a disco ping latency through DERP shows in coder-desktop status" bash -c "$(declare -f cli in_ns); CLI_CP='$CLI_CP' JAVA_HOME='$JAVA_HOME' NS='$NS' WORK='$WORK' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' cli status | grep -qE ' connected +[0-9.]+ms +(DERP \\(|direct )'"
cli status | sed 's/^/     /'
ok "the real agent answers our disco pings (latency and path in the status)"
grep -qE "DERP home region [0-9]+; latencies" "$WORK/client.log" || fail "the home DERP region was not measured"
ok "$(grep -oE "DERP home region [0-9]+; latencies .*" "$WORK/client.log" | head -n 1)"
if [[ -n ${DERP_WEBSOCKETS:-} ]]; then
  grep -q "DERP logged in to .* over a websocket" "$WORK/client.log" || fail "DERP did not use a websocket"
  ok "DERP ran over a websocket, as the deployment demands"
fi

BODY=$(in_ns curl -sS --max-time 10 "http://$HOST:$HTTP_PORT/" || true)
[[ $BODY == *"hello from the real coder agent"* ]] || fail "HTTP to a port served on the agent (got: $BODY)"
ok "HTTP to http://$HOST:$HTTP_PORT/ inside the workspace"

SSH_OUT=$(timeout 30 ip netns exec "$NS" ssh -o StrictHostKeyChecking=no \
  -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o ConnectTimeout=10 -o LogLevel=ERROR \
  "$HOST" echo ssh-ok 2>&1 || true)
[[ $SSH_OUT == *ssh-ok* ]] || fail "ssh to the agent's SSH server (got: $SSH_OUT)"
ok "ssh $HOST runs a command on the real agent"

if [[ -n ${DEMO:-} && -t 0 ]]; then
  echo
  echo "CoderVPN is on in namespace $NS. In another terminal, as root, try:"
  echo "  ip netns exec $NS ssh $HOST"
  echo "  ip netns exec $NS curl http://$HOST:$HTTP_PORT/"
  echo "  ip netns exec $NS env XDG_CONFIG_HOME=$XDG_CONFIG_HOME $JAVA_HOME/bin/java -cp '$CLI_CP' dev.coderdesktop.cli.CoderDesktopCli --socket $WORK/vpn.sock status"
  read -r -p "Press Enter to stop the workspace and tear everything down. "
fi

step "coder-desktop ports and apps (coderd's listening-ports and the workspace's apps)"
cli ports "$HOST" >"$WORK/ports.out" 2>"$WORK/ports.err" || fail "ports: $(cat "$WORK/ports.err")"
sed 's/^/     /' "$WORK/ports.out"
grep -qE "^$HTTP_PORT +[^ ]+ +http://$HOST:$HTTP_PORT/\$" "$WORK/ports.out" ||
  fail "coder-desktop ports does not list the harness's HTTP port $HTTP_PORT"
grep -qE "^$APP_PORT " "$WORK/ports.out" && fail "the apps' port $APP_PORT is listed (Coder leaves app ports out)"
grep -qE "^22 " "$WORK/ports.out" && fail "port 22 is listed (Coder leaves ssh out)"
cli ports --json "$HOST" >"$WORK/ports.json" || fail "ports --json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert any(p['port']==int(sys.argv[2]) and p['url']==sys.argv[3] for p in d['ports']), d" \
  "$WORK/ports.json" "$HTTP_PORT" "http://$HOST:$HTTP_PORT/" || fail "ports --json lacks $HTTP_PORT"
ok "coder-desktop ports $HOST lists http://$HOST:$HTTP_PORT/ (and leaves out the app port $APP_PORT and ssh)"
cli apps "$HOST" >"$WORK/apps.out" 2>&1 || fail "apps: $(cat "$WORK/apps.out")"
sed 's/^/     /' "$WORK/apps.out"
# The URLs Coder's dashboard builds: path-based under the deployment, subdomain apps under the
# wildcard app host (with the access URL's port; the server names the subdomain, and v2.30.0
# leaves the agent out of it for a workspace with one agent), external apps as they are.
URL_PORT=${URL##*:}
URL_PORT=${URL_PORT%%/*}
for want in \
  "hello +web +Hello +${URL%/}/@$USERNAME/$WS_NAME.$AGENT_NAME/apps/hello/" \
  "hello-sub +web +Hello \\(subdomain\\) +http://hello-sub(--$AGENT_NAME)?--$WS_NAME--$USERNAME.apps.harness.test:$URL_PORT/" \
  "docs +external +Coder docs +https://coder.com/docs" \
  "-vscode +vscode +VS Code Desktop +vscode://coder.coder-remote/open\\?owner=$USERNAME&workspace=$WS_NAME&" \
  "-terminal +terminal +Terminal \\(ssh $HOST\\) +ssh $HOST"; do
  grep -qE -- "^$want" "$WORK/apps.out" || fail "coder-desktop apps lacks: $want"
done
ok "coder-desktop apps $HOST shows the harness's apps with the dashboard's URLs"

step "coder-desktop stop / start (builds through the real API; the harness's machine follows them)"
if cli stop "no-such-workspace" >"$WORK/cli.out" 2>&1; then fail "stop of an unknown workspace succeeded"; fi
grep -q "no workspace named no-such-workspace" "$WORK/cli.out" || fail "unclear error for an unknown workspace: $(cat "$WORK/cli.out")"
ok "an unknown workspace: $(cat "$WORK/cli.out")"
cli stop "$WS_NAME" >"$WORK/cli.out" 2>&1 || fail "stop: $(cat "$WORK/cli.out")"
sed 's/^/     /' "$WORK/cli.out"
grep -q "Workspace $WS_NAME is stopped." "$WORK/cli.out" || fail "stop did not end stopped"
wait_for 60 "the harness's agent stops" grep -q agent-stopped "$WORK/harness.out"
wait_for 30 "the agent leaves our list" bash -c "$(declare -f cli in_ns); CLI_CP='$CLI_CP' JAVA_HOME='$JAVA_HOME' NS='$NS' WORK='$WORK' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' test -z \"\$(cli hosts)\""
ok "coder-desktop stop $WS_NAME: the agent left coder-desktop hosts"
if cli ports "$HOST" >"$WORK/cli.out" 2>&1; then fail "ports of a stopped workspace succeeded"; fi
ok "ports of the stopped workspace: $(cat "$WORK/cli.out")"
cli start "$WS_NAME" >"$WORK/cli.out" 2>&1 || fail "start: $(cat "$WORK/cli.out")"
sed 's/^/     /' "$WORK/cli.out"
grep -q "Workspace $WS_NAME is running." "$WORK/cli.out" || fail "start did not end running"
wait_for 60 "the harness restarts the agent" bash -c "grep -c agent-started '$WORK/harness.out' | grep -q 2"
wait_for 60 "the agent is back in our list" bash -c "$(declare -f cli in_ns); CLI_CP='$CLI_CP' JAVA_HOME='$JAVA_HOME' NS='$NS' WORK='$WORK' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' cli hosts | grep -qx '$HOST'"
wait_for 90 "ping6 $HOST by name after the restart" in_ns ping -6 -c 1 -W 2 "$HOST"
ok "coder-desktop start $WS_NAME: $HOST is back and answers ping6 by name"

step "stopping the workspace through the real API"
echo stop-workspace >&7
wait_for 60 "the harness stops the workspace" grep -q workspace-stopped "$WORK/harness.out"
wait_for 30 "the agent leaves our list" bash -c "$(declare -f cli in_ns); CLI_CP='$CLI_CP' JAVA_HOME='$JAVA_HOME' NS='$NS' WORK='$WORK' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' test -z \"\$(cli hosts)\""
ok "the stopped workspace's agent left our list"

cli_down_clean
upstream_dns_unchanged
ok "resolv.conf is byte for byte the original after down"
result=PASS
