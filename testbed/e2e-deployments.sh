#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# End-to-end for several deployments, as root: two testbeds (deployment A with hostname suffix
# "coder", B claiming v2.30.0 with suffix "corp", where bob shared a workspace with carol), a client
# namespace on both labs with a plain resolv.conf, and our service and CLI in it. The CLI signs in to
# both (the second login becomes current), 'use' picks A, 'up' turns CoderVPN on for A and
# dev.coder answers ping6 and HTTP by name. Then 'use --no-direct B' moves the VPN: A's tunnel stops
# and B's starts, on DERP only as asked (the service's log says so); dev.coder no longer resolves and its address no longer answers, api.corp resolves, answers
# ping6 and HTTP; 'shared' lists bob's workspace on B and nothing (without failing) on A, an older
# release. 'use A' moves it back the same way. Down leaves nothing behind and resolv.conf as it was.
# Also run as: DEPLOYMENTS=2 bash testbed/e2e.sh. Ends with "deployments e2e: PASS" or "... FAIL".
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
source "$ROOT/scripts/java-home.sh"
source "$ROOT/scripts/netns/upstream-dns.sh"
source "$ROOT/scripts/netns/lab-client.sh"

WORK=$(mktemp -d /tmp/cdj-deployments.XXXXXX)
chmod 755 "$WORK"
IFACE="coder0"
NS="cdjdpc$RANDOM"
VETH_A="cdjdpa$RANDOM"
VETH_B="cdjdpb$RANDOM"
TB_A_PID=""
TB_B_PID=""
SERVICE_PID=""
result=FAIL
stop_testbed() { # pid
  if [[ -n $1 ]]; then
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  [[ -n $SERVICE_PID ]] && kill -TERM "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  upstream_dns_down
  ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  ip link del "$VETH_A" 2>/dev/null || true
  ip link del "$VETH_B" 2>/dev/null || true
  stop_testbed "$TB_A_PID"
  stop_testbed "$TB_B_PID"
  rm -rf "/etc/netns/$NS" "$WORK"
  echo "deployments e2e: $result"
}
trap cleanup EXIT

on_fail() {
  echo "---- service log (tail)"; tail -n 30 "$WORK/service.log" || true
  for d in a b; do echo "---- testbed $d log (tail)"; tail -n 12 "$WORK/testbed-$d.err" || true; done
}

java_classpaths

TOKEN_A="a1a1a1a1a1-$(head -c 11 /dev/urandom | od -An -tx1 | tr -d ' \n')"
TOKEN_B="b2b2b2b2b2-$(head -c 11 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat >"$WORK/a.json" <<JSON
{"hostnameSuffix": "coder",
 "users": [{"username": "alice", "tokens": ["$TOKEN_A"]}],
 "workspaces": [{"name": "dev", "owner": "alice", "agents": ["main"]}]}
JSON
cat >"$WORK/b.json" <<JSON
{"version": "v2.30.0", "hostnameSuffix": "corp",
 "users": [{"username": "carol", "tokens": ["$TOKEN_B"]}, {"username": "bob", "tokens": []}],
 "workspaces": [{"name": "api", "owner": "carol", "agents": ["main"]},
                {"name": "ops", "owner": "bob", "stopped": true, "agents": ["main"], "sharedWith": ["carol"]}]}
JSON
printf '%s\n' "$TOKEN_A" >"$WORK/token-a"
printf '%s\n' "$TOKEN_B" >"$WORK/token-b"
chmod 600 "$WORK"/token-* "$WORK"/*.json

start_testbed() { # name
  mkdir -p "$WORK/testbed-$1"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$TB_CP" \
    dev.coderdesktop.testbed.TestbedMain --config "$WORK/$1.json" --state-dir "$WORK/testbed-$1" \
    >"$WORK/testbed-$1.out" 2>"$WORK/testbed-$1.err" &
}
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$WORK/testbed-$1/testbed.json" "$2"; }

step "starting two testbeds: A (suffix coder) and B (suffix corp, v2.30.0)"
start_testbed a
TB_A_PID=$!
start_testbed b
TB_B_PID=$!
wait_for 120 "testbed A reports its deployment" test -s "$WORK/testbed-a/testbed.json"
wait_for 120 "testbed B reports its deployment" test -s "$WORK/testbed-b/testbed.json"
URL_A=$(field a url)
URL_B=$(field b url)
subnet() { local h=${1#*://}; h=${h%:*}; echo "${h%.*}"; }
# Each lab picks a random 10.77.N.0/24; two that picked the same one cannot both be reached.
for _ in 1 2 3; do
  [[ $(subnet "$URL_A") != $(subnet "$URL_B") ]] && break
  stop_testbed "$TB_B_PID"
  rm -rf "$WORK/testbed-b"
  start_testbed b
  TB_B_PID=$!
  wait_for 120 "testbed B reports its deployment" test -s "$WORK/testbed-b/testbed.json"
  URL_B=$(field b url)
done
[[ $(subnet "$URL_A") != $(subnet "$URL_B") ]] || fail "the two labs kept picking the same subnet"
ok "A at $URL_A, B at $URL_B"

step "client namespace $NS on both labs, with a plain resolv.conf and a DNS server of its own"
lab_client_add "$NS" "$VETH_A" "$(field a lab)" "$URL_A"
ip link add "$VETH_B" type veth peer name eth1 netns "$NS"
ip link set "$VETH_B" master "tb$(field b lab)br"
bridge link set dev "$VETH_B" isolated on
ip link set "$VETH_B" up
ip -n "$NS" addr add "$(subnet "$URL_B").250/24" dev eth1
ip -n "$NS" link set eth1 up
upstream_dns_up "$NS"
in_ns curl -sS --max-time 5 -o /dev/null "$URL_A/api/v2/buildinfo" || fail "A unreachable from $NS"
in_ns curl -sS --max-time 5 -o /dev/null "$URL_B/api/v2/buildinfo" || fail "B unreachable from $NS"
ok "both deployments reachable from the client"

export XDG_CONFIG_HOME="$WORK/config" CODER_DESKTOP_TOKEN_STORE=file
export -f cli in_ns
export NS WORK CLI_CP JAVA_HOME

step "starting our service"
in_ns "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$SVC_CP" \
  dev.coderdesktop.vpn.service.ServiceMain --socket "$WORK/vpn.sock" --interface "$IFACE" \
  >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
wait_for 30 "the service listens on its socket" grep -q '^listening' "$WORK/service.log"
ok "service listening"

step "sign in to both; the second login is current"
cli login --allow-insecure-http --token-file "$WORK/token-a" "$URL_A" >"$WORK/cli.out" 2>&1 || fail "login A: $(cat "$WORK/cli.out")"
cli login --allow-insecure-http --token-file "$WORK/token-b" "$URL_B" >"$WORK/cli.out" 2>&1 || fail "login B: $(cat "$WORK/cli.out")"
cli deployments >"$WORK/cli.out" 2>&1 || fail "deployments: $(cat "$WORK/cli.out")"
sed 's/^/     /' "$WORK/cli.out"
[[ $(grep -c . "$WORK/cli.out") == 2 ]] && grep -qx "\* $URL_B" "$WORK/cli.out" || fail "deployments should list both, B current"
CREDS="$XDG_CONFIG_HOME/coder-desktop/credentials"
[[ $(stat -c %a "$CREDS") == 600 ]] || fail "the credentials file is mode $(stat -c %a "$CREDS")"
grep -q "$TOKEN_A" "$WORK/service.log" "$WORK/cli.out" && fail "a token reached a log"
ok "both listed, B current; tokens in a 0600 file and in no log"

HOST_A=${URL_A#*://}; HOST_A=${HOST_A%:*}
HOST_B=${URL_B#*://}; HOST_B=${HOST_B%:*}
step "use A (by host) and up"
cli use "$HOST_A" >"$WORK/cli.out" 2>&1 || fail "use A: $(cat "$WORK/cli.out")"
grep -qx "Now using $URL_A." "$WORK/cli.out" || fail "use A said: $(cat "$WORK/cli.out")"
cli up >"$WORK/cli.out" 2>&1 || fail "up: $(cat "$WORK/cli.out")"
ok "$(head -n 1 "$WORK/cli.out")"
wait_for 30 "dev.coder in hosts" bash -c 'cli hosts | grep -qx dev.coder'
wait_for 10 "dev.coder resolves" in_ns getent ahosts dev.coder
ADDR_A=$(in_ns getent ahosts dev.coder | awk '{print $1; exit}')
wait_for 30 "ping6 dev.coder" in_ns ping -6 -c 1 -W 2 dev.coder
BODY=$(in_ns curl -sS --max-time 10 "http://dev.coder:8080/" || true)
[[ $BODY == *"hello from the testbed agent dev.main"* ]] || fail "HTTP to dev.coder (got: $BODY)"
ok "dev.coder ($ADDR_A) answers ping6 and HTTP"
cli deployments --json | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['vpn']==sys.argv[1], d" "$URL_A" \
  || fail "deployments --json does not say CoderVPN is on A"
cli shared >"$WORK/cli.out" 2>&1 || fail "shared on A failed: $(cat "$WORK/cli.out")"
grep -q "does not list shared workspaces" "$WORK/cli.out" || fail "shared on A: $(cat "$WORK/cli.out")"
ok "A (v2.24.1-like) has no workspace sharing; shared says so and exits 0"

move_checks() { # old-host old-addr new-host new-workspace-agent
  wait_for 30 "$3 in hosts" bash -c "cli hosts | grep -qx '$3'"
  cli hosts | grep -qx "$1" && fail "$1 is still in hosts after the move"
  in_ns getent ahosts "$1" >/dev/null && fail "$1 still resolves after the move"
  in_ns ping -6 -c 2 -W 2 "$2" >/dev/null 2>&1 && fail "$1's address $2 still answers after the move"
  ok "$1 no longer resolves, its address $2 no longer answers"
  wait_for 10 "$3 resolves" in_ns getent ahosts "$3"
  wait_for 30 "ping6 $3" in_ns ping -6 -c 1 -W 2 "$3"
  in_ns ping -6 -c 3 -i 0.3 "$3" >/dev/null || fail "ping6 -c 3 $3"
  BODY=$(in_ns curl -sS --max-time 10 "http://$3:8080/" || true)
  [[ $BODY == *"hello from the testbed agent $4"* ]] || fail "HTTP to $3 (got: $BODY)"
  ok "$3 answers ping6 and HTTP"
}

# The service logs each session's direct-path choice: what the last Start asked for.
last_direct_choice() { grep "direct connections:" "$WORK/service.log" | tail -n 1; }

step "use B: CoderVPN moves from A to B (with 'up''s options: DERP only this time)"
cli use --no-direct "$HOST_B" >"$WORK/cli.out" 2>&1 || fail "use B: $(cat "$WORK/cli.out")"
sed 's/^/     /' "$WORK/cli.out"
grep -q "CoderVPN is off for $URL_A; starting it for $URL_B" "$WORK/cli.out" || fail "use B did not stop A's tunnel"
grep -q "^CoderVPN is on ($URL_B)" "$WORK/cli.out" || fail "use B did not start B's tunnel"
last_direct_choice | grep -q "off (DERP only, as asked)" \
  || fail "use --no-direct did not reach the service: $(last_direct_choice)"
ok "use --no-direct started B's session on DERP only"
move_checks dev.coder "$ADDR_A" api.corp api.main
ADDR_B=$(in_ns getent ahosts api.corp | awk '{print $1; exit}')
cli shared >"$WORK/cli.out" 2>&1 || fail "shared on B: $(cat "$WORK/cli.out")"
grep -q "^bob/ops  stopped  $URL_B/@bob/ops$" "$WORK/cli.out" || fail "shared on B: $(cat "$WORK/cli.out")"
cli hosts | grep -q ops && fail "a shared workspace got a .corp name"
ok "shared lists bob/ops on B, apart from carol's own workspaces"

step "use A: and back"
cli use "$URL_A" >"$WORK/cli.out" 2>&1 || fail "use A: $(cat "$WORK/cli.out")"
grep -q "^CoderVPN is on ($URL_A)" "$WORK/cli.out" || fail "use A did not start A's tunnel: $(cat "$WORK/cli.out")"
last_direct_choice | grep -q "on, STUN" || fail "use without --no-direct: $(last_direct_choice)"
move_checks api.corp "$ADDR_B" dev.coder dev.main

cli_down_clean
upstream_dns_unchanged
ok "resolv.conf is the original"
step "logout A"
cli logout "$HOST_A" >"$WORK/cli.out" 2>&1 || fail "logout A: $(cat "$WORK/cli.out")"
grep -q "Now using $URL_B" "$WORK/cli.out" || fail "logout A: $(cat "$WORK/cli.out")"
[[ $(cli deployments) == "* $URL_B" ]] || fail "after logout A: $(cli deployments)"
ok "logout A leaves B, current"
result=PASS
