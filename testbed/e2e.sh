#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# End-to-end against the local testbed, as root: the testbed (REST, tailnet, DERP, three agents in
# namespaces of their own), and in a client namespace our service and CLI: login, up, the workspace
# list, ping6 / HTTP / ssh to two agents BY NAME through the system resolver, a workspace stop, a
# second user refused at the socket, a garbage frame that leaves another client undisturbed, and
# down leaving nothing behind. The client namespace starts as a user's machine does: a plain
# resolv.conf naming a DNS server of its own (scripts/netns/upstream-dns.sh); the service takes it
# over in "direct" mode, the upstream's names keep resolving, and after down, and after a SIGKILL
# of the service, a restart and down, the file is byte for byte what it was.
# Prints one line per check and ends with "testbed e2e: PASS" or "testbed e2e: FAIL".
set -euo pipefail
cd "$(dirname "$0")"
# DEPLOYMENTS=2: two testbeds, and CoderVPN moving between them (see e2e-deployments.sh).
if [[ ${DEPLOYMENTS:-1} == 2 ]]; then exec bash e2e-deployments.sh; fi
ROOT=$(cd .. && pwd)
source "$ROOT/scripts/java-home.sh"
# ---- company networks (issue 16): TLS=1 / PROXY=1 hooks, see e2e-company.sh
source "$(pwd)/e2e-company.sh"
source "$ROOT/scripts/netns/upstream-dns.sh"
source "$ROOT/scripts/netns/lab-client.sh"

lab_init testbed tb
WATCH_PID=""
result=FAIL
cleanup() {
  company_cleanup # ---- company networks (issue 16)
  [[ -n $WATCH_PID ]] && kill "$WATCH_PID" 2>/dev/null || true
  [[ -n $SERVICE_PID ]] && kill -TERM "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  upstream_dns_down
  lab_teardown
  rm -rf "$WORK"
  echo "testbed e2e: $result"
}
trap cleanup EXIT

source "$ROOT/scripts/lib.sh"
on_fail() {
  if [[ -n ${KEEP:-} ]]; then echo "KEEP: $NS $WORK"; sleep 900; fi
  echo "---- service log (tail)"; tail -n 30 "$WORK/service.log" || true
  echo "---- testbed log (tail)"; tail -n 20 "$WORK/testbed.err" || true
  for f in "$WORK"/testbed/agent-*.log; do echo "---- $f (tail)"; tail -n 8 "$f"; done
}

java_classpaths

step "starting the testbed"
# shellcheck disable=SC2046 # company_testbed_args is a list of words
testbed_start ${DERP_WEBSOCKETS:+--derp-websockets} $(company_testbed_args)
SSH_KEY=$(testbed_field ssh_key)
ok "testbed $(testbed_field version) at $URL (lab $LAB)"

step "creating client namespace $NS on the lab bridge, with a plain resolv.conf and a DNS server of its own"
lab_client_add "$NS" "$VETH" "$LAB" "$URL"
upstream_dns_up "$NS"
ok "resolv.conf: $(grep -v '^#' "/etc/netns/$NS/resolv.conf" | tr '\n' ';')"
export XDG_CONFIG_HOME="$WORK/config"
export -f cli in_ns
export NS WORK CLI_CP JAVA_HOME

company_before_service # ---- company networks (issue 16): TLS=1 / PROXY=1

start_service() {
  local before
  before=$(grep -c "^listening" "$WORK/service.log" 2>/dev/null || true)
  in_ns "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$SVC_CP" \
    dev.coderdesktop.vpn.service.ServiceMain --socket "$WORK/vpn.sock" --interface "$IFACE" \
    --state-dir "$WORK/state" >>"$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
  wait_for 30 "the service listens on its socket" \
    bash -c "(( \$(grep -c '^listening' '$WORK/service.log') > ${before:-0} ))"
}
step "starting our service"
start_service
ok "service listening on $WORK/vpn.sock"

step "a garbage frame from one client does not disturb another"
# A well-behaved client that stays connected and watches status broadcasts.
in_ns "$JAVA_HOME/bin/java" -cp "$CLI_CP" dev.coderdesktop.cli.CoderDesktopCli --socket "$WORK/vpn.sock" \
  status --watch >"$WORK/watch.out" 2>&1 &
WATCH_PID=$!
wait_for 15 "the watching client is connected" grep -q . "$WORK/watch.out"
python3 - "$WORK/vpn.sock" <<'PY' || fail "the garbage client was not closed cleanly"
import socket, struct, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.sendall(b"codervpn client 1.3\n")
assert s.recv(256).startswith(b"codervpn service"), "no handshake reply"
s.sendall(struct.pack(">I", 0x7fffffff) + b"\xff" * 64)
s.settimeout(10)
try:
    assert s.recv(1) == b"", "the service kept a client that sent an oversized frame"
except ConnectionResetError:
    pass
PY
kill -0 "$WATCH_PID" || fail "the watching client died with the garbage client"
ok "garbage client closed; the watching client is still connected"

step "a second user is refused at the socket"
as_daemon() { setpriv --reuid=daemon --regid=daemon --clear-groups /usr/bin/python3 -c "
import socket,sys
s=socket.socket(socket.AF_UNIX); s.settimeout(10)
try:
    s.connect(sys.argv[1]); s.sendall(b'codervpn client 1.3\\n'); print('read', repr(s.recv(256)))
except OSError as e:
    print('error', e.__class__.__name__)" "$WORK/vpn.sock" 2>&1 || true; }
chmod 711 "$WORK"
OUT=$(as_daemon)
[[ $OUT == "error PermissionError" ]] || fail "user daemon could open the socket file (got: $OUT)"
ok "the socket file (mode $(stat -c %a "$WORK/vpn.sock")) keeps user daemon out"
# Even with the file opened up by mistake, the peer-credential check refuses the connection.
chmod 666 "$WORK/vpn.sock"
OUT=$(as_daemon)
chmod 660 "$WORK/vpn.sock"
[[ $OUT == "read b''" || $OUT == "error ConnectionResetError" || $OUT == "error BrokenPipeError" ]] \
  || fail "user daemon was not refused by the peer-credential check (got: $OUT)"
grep -q "refused a connection from user daemon" "$WORK/service.log" || fail "the refusal was not logged"
ok "with the file opened up, SO_PEERCRED still refuses user daemon, and says so in the log"

step "coder-desktop login / up"
if [[ $URL == http://* ]]; then
  # Plain http:// to another machine is refused until the user allows it explicitly.
  if cli login --url "$URL" --token-file "$WORK/token" >"$WORK/cli.out" 2>&1; then
    fail "login accepted plain http:// to $URL without --allow-insecure-http"
  fi
  grep -q -- "--allow-insecure-http" "$WORK/cli.out" || fail "the refusal does not say how to allow it: $(cat "$WORK/cli.out")"
  ok "plain http:// refused without consent: $(head -c 160 "$WORK/cli.out")"
fi
cli login --url "$URL" --allow-insecure-http --token-file "$WORK/token" >"$WORK/cli.out" 2>&1 || fail "login: $(cat "$WORK/cli.out")"
ok "$(cat "$WORK/cli.out")"
cli up >"$WORK/cli.out" 2>&1 || fail "up: $(cat "$WORK/cli.out")"
ok "$(head -n 1 "$WORK/cli.out")"
grep -q "^DNS: .*(direct)" "$WORK/cli.out" || fail "up does not say the DNS mode is direct: $(cat "$WORK/cli.out")"
grep -q "^Note:" "$WORK/cli.out" && fail "up printed a DNS note although names work: $(cat "$WORK/cli.out")"
ok "$(grep '^DNS:' "$WORK/cli.out")"
[[ $(head -n 1 "/etc/netns/$NS/resolv.conf") == "# Written by coder-desktop-vpn (CoderVPN)." ]] \
  || fail "resolv.conf was not taken over: $(cat "/etc/netns/$NS/resolv.conf")"
grep -q "^search upstream.test$" "/etc/netns/$NS/resolv.conf" || fail "the search line was not kept"
ok "resolv.conf names our resolver and keeps the search line (written in place: it is a bind mount here)"
wait_for 30 "three agents in the list" bash -c '[[ $(cli hosts | wc -l) -ge 3 ]]'
cli hosts | sed 's/^/     /'
wait_for 30 "the watching client saw the agents (status broadcast)" grep -q "dev.coder" "$WORK/watch.out"
ok "the watching client received the status broadcast"
if [[ -n ${DERP_WEBSOCKETS:-} ]]; then
  grep -q "DERP logged in to .* over a websocket" "$WORK/service.log" || fail "DERP did not use a websocket"
  ok "DERP ran over a websocket, as the testbed demands"
fi

for HOST in dev.coder main.build.me.coder; do
  wait_for 10 "$HOST resolves through the system resolver" in_ns getent ahosts "$HOST"
  wait_for 30 "ping6 $HOST over the DERP relay" in_ns ping -6 -c 1 -W 2 "$HOST"
  in_ns ping -6 -c 3 -i 0.3 "$HOST" >/dev/null || fail "ping6 -c 3 $HOST"
  ok "ping6 -c 3 $HOST"
  BODY=$(in_ns curl -sS --max-time 10 "http://$HOST:8080/" || true)
  [[ $BODY == *"hello from the testbed agent"* ]] || fail "HTTP to $HOST:8080 (got: $BODY)"
  ok "curl http://$HOST:8080/ -> $BODY"
  SSH_OUT=$(timeout 30 ip netns exec "$NS" ssh -i "$SSH_KEY" -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o ConnectTimeout=10 -o LogLevel=ERROR \
    "root@$HOST" true 2>&1 && echo ssh-ok || true)
  [[ $SSH_OUT == *ssh-ok* ]] || fail "ssh $HOST true (got: $SSH_OUT)"
  ok "ssh $HOST true"
done
wait_for 20 "the agents' latency (disco pings over DERP) shows in coder-desktop status" \
  bash -c 'cli status | grep "dev.coder" | grep -Eq "[0-9.]+ ?ms"'
cli status | sed 's/^/     /'
company_after_traffic # ---- company networks (issue 16): PROXY=1 checks the proxy's log
ok "status shows each agent's latency through the relay"
cli status | grep -q "^DNS: direct - " || fail "status does not show the DNS mode"
ok "status shows the DNS mode"
upstream_dns_check

if [[ -n ${DEMO:-} && -t 0 ]]; then
  TRAY_PID=""
  if [[ -n ${DISPLAY:-} ]]; then
    # The tray app talks to the same service; it shares the CLI's sign-in (same config home).
    CODER_DESKTOP_SOCKET="$WORK/vpn.sock" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
      "$ROOT/bin/coder-desktop-tray" >"$WORK/tray.log" 2>&1 &
    TRAY_PID=$!
    echo "The tray app is open (log: $WORK/tray.log)."
  fi
  echo
  echo "CoderVPN is on in namespace $NS. In another terminal, as root, try:"
  echo "  ip netns exec $NS ssh -i $SSH_KEY root@dev.coder"
  echo "  ip netns exec $NS curl http://main.build.me.coder:8080/"
  echo "  ip netns exec $NS ping6 -c 3 gpu.build.me.coder"
  echo "  ip netns exec $NS env XDG_CONFIG_HOME=$XDG_CONFIG_HOME $ROOT/bin/coder-desktop --socket $WORK/vpn.sock status"
  echo "  open $URL in a browser (the testbed's dashboard and /cli-auth)"
  read -r -p "Press Enter to stop workspace dev and tear everything down. "
  [[ -n $TRAY_PID ]] && kill "$TRAY_PID" 2>/dev/null || true
fi

step "stopping workspace dev through the testbed"
curl -sS --fail $(company_curl_args) -X POST "$URL/testbed/workspaces/alice/dev/stop" >/dev/null || fail "stop call"
wait_for 30 "dev.coder leaves our list" bash -c '! cli hosts | grep -qx dev.coder'
ok "the stopped workspace's agent left our list"

cli_down_clean
upstream_dns_unchanged
ok "resolv.conf is byte for byte the original after down"
cli status | grep -q "^DNS:\|Note" && fail "status still shows DNS after down: $(cli status)"
ok "no DNS mode or note in status after down"

step "SIGKILL of the service while on, a restart, then down"
cli up >"$WORK/cli.out" 2>&1 || fail "up: $(cat "$WORK/cli.out")"
wait_for 10 "the service took resolv.conf over again" \
  grep -q "^# Written by coder-desktop-vpn" "/etc/netns/$NS/resolv.conf"
kill -KILL "$SERVICE_PID"
wait "$SERVICE_PID" 2>/dev/null || true
grep -q "^# Written by coder-desktop-vpn" "/etc/netns/$NS/resolv.conf" \
  || fail "the killed service should have left its resolv.conf behind"
ok "killed with resolv.conf still pointing at the dead resolver"
start_service
grep -q "undoing the direct resolver setup" "$WORK/service.log" || fail "the repair was not logged"
ok "the restarted service undid the killed run's resolver setup at start (it may then resume the session)"
# The service restores the session on its own, and refuses a Stop while that Start is under way
# ("the VPN is starting"): down is retried until the service takes it (a Stop before the restore
# begins ends the restore too).
wait_for 60 "coder-desktop down after the restart" bash -c 'cli down >/dev/null 2>&1'
upstream_dns_unchanged
in_ns getent ahosts www.upstream.test >/dev/null || fail "www.upstream.test after the repair"
ok "down after the restart: resolv.conf is the original and the upstream's names resolve"
result=PASS
