#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Direct connections end to end against the local testbed, as root. The testbed runs three agents
# on different networks (docs/testbed.md, "Network shapes"): "nat" behind an endpoint-independent
# NAT, "hard" behind a symmetric NAT, "blocked" behind a router that drops all UDP. The client is
# a namespace on the lab bridge with nothing configured for the product (no resolv.conf of ours,
# no routes): our service and CLI. Checks:
#   1. the path to nat.coder turns direct (hole punching through the NAT; `coder-desktop status`
#      says so);
#   2. blocked.coder stays on DERP, and both it and hard.coder keep answering (no ping lost); the
#      path to hard.coder is printed: the port STUN reports for it is useless, but a client that
#      is not behind a NAT itself may still learn the agent's real port from its pings, as a
#      Tailscale peer does, and go direct;
#   3. a 200 MiB HTTP download from nat.coder runs over the direct path; UDP is blocked in the
#      client namespace (iptables) halfway: the download completes over DERP on the same TCP
#      connection; the fall-back time (the longest gap in a 10/s ping stream, and when the status
#      turned to DERP) is measured and printed and must be under 5 s;
#   4. UDP is unblocked and the path returns to direct.
# Prints one line per check; the last line is "direct e2e: PASS" or "direct e2e: FAIL".
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
source "$ROOT/scripts/java-home.sh"
source "$ROOT/scripts/netns/lab-client.sh"

lab_init direct dr
PING_PID=""
CURL_PID=""
result=FAIL
cleanup() {
  for p in $PING_PID $CURL_PID; do kill "$p" 2>/dev/null || true; done
  [[ -n $SERVICE_PID ]] && kill -TERM "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  lab_teardown
  rm -rf "$WORK"
  echo "direct e2e: $result"
}
trap cleanup EXIT

on_fail() {
  if [[ -n ${KEEP:-} ]]; then echo "KEEP: $NS $WORK"; sleep 900; fi
  echo "---- status"; cli status 2>&1 | sed 's/^/     /' || true
  echo "---- service log (tail)"; tail -n 40 "$WORK/service.log" || true
  echo "---- testbed log (tail)"; tail -n 20 "$WORK/testbed.err" || true
  for f in "$WORK"/testbed/agent-*.log; do echo "---- $f (tail)"; tail -n 15 "$f"; done
}

java_classpaths

step "starting the testbed: agents behind an endpoint-independent NAT, a symmetric NAT, no UDP"
TOKEN=$(python3 -c "import secrets; print(secrets.token_hex(5) + \"-\" + secrets.token_hex(11))")
cat >"$WORK/config.json" <<EOF
{"users": [{"username": "alice", "tokens": ["$TOKEN"]}],
 "workspaces": [
   {"name": "nat", "owner": "alice", "agents": ["main"], "networks": {"main": "nat"}},
   {"name": "hard", "owner": "alice", "agents": ["main"], "networks": {"main": "hard"}},
   {"name": "blocked", "owner": "alice", "agents": ["main"], "networks": {"main": "blocked"}}]}
EOF
testbed_start --config "$WORK/config.json"
ok "testbed at $URL (lab $LAB)"

# Agent ids derive from names (UUID v3 of "agent:<owner>/<workspace>/<agent>"), addresses from ids.
agent_ip() {
  python3 -c "
import hashlib,ipaddress,sys,uuid
u=uuid.UUID(bytes=hashlib.md5(('agent:alice/%s/main' % sys.argv[1]).encode()).digest(), version=3)
b=bytearray(u.bytes); b[0:6]=bytes.fromhex('fd60627aa42b'); print(ipaddress.IPv6Address(bytes(b)))" "$1"
}
NAT_IP=$(agent_ip nat)
HARD_IP=$(agent_ip hard)
BLOCKED_IP=$(agent_ip blocked)

step "creating client namespace $NS on the lab bridge (nothing else configured)"
lab_client_add "$NS" "$VETH" "$LAB" "$URL"
export XDG_CONFIG_HOME="$WORK/config"
export -f cli in_ns
export NS WORK CLI_CP JAVA_HOME
# The status PATH column of one agent ("direct <ip:port>", "DERP (<region>)", ...).
path_of() { cli status 2>/dev/null | awk -v h="$1" '$4 == h {for (i = 7; i <= NF; i++) printf "%s ", $i; print ""}'; }
export -f path_of

step "starting our service; coder-desktop login / up"
in_ns "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$SVC_CP" \
  dev.coderdesktop.vpn.service.ServiceMain --socket "$WORK/vpn.sock" --interface coder0 \
  >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
wait_for 30 "the service listens on its socket" test -S "$WORK/vpn.sock"
cli_login_up
wait_for 30 "three agents in the list" bash -c '[[ $(cli hosts | wc -l) -ge 3 ]]'
for ip in "$NAT_IP" "$HARD_IP" "$BLOCKED_IP"; do
  wait_for 30 "first ping6 to $ip" in_ns ping -6 -c 1 -W 2 "$ip"
done
ok "all three agents answer"

step "1. the agent behind the endpoint-independent NAT: hole punching, then a direct path"
T0=$(now)
wait_for 30 "nat.coder's path turns direct" bash -c 'path_of nat.coder | grep -q "^direct"'
ok "nat.coder is direct after $(since "$T0" "$(now)") s: $(path_of nat.coder)"
cli status | sed 's/^/     /'

step "2. the UDP-blocked agent stays on DERP; it and the symmetric-NAT one keep answering"
in_ns ping -6 -c 40 -i 0.25 -W 2 "$HARD_IP" >"$WORK/ping-hard.out" &
P1=$!
in_ns ping -6 -c 40 -i 0.25 -W 2 "$BLOCKED_IP" >"$WORK/ping-blocked.out" &
P2=$!
wait "$P1" || true
wait "$P2" || true
for name in hard blocked; do
  loss=$(grep -oE '[0-9.]+% packet loss' "$WORK/ping-$name.out" || echo "?")
  [[ $loss == "0% packet loss" ]] || fail "$name.coder lost pings over 10 s: $loss"
  p=$(path_of "$name.coder")
  [[ $name == hard || $p == DERP* ]] || fail "$name.coder should stay on DERP, status says: $p"
  ok "$name.coder: 40 pings, $loss, path $p"
done

step "3. a 200 MiB download over the direct path; UDP blocked halfway; it finishes over DERP"
SIZE=$((200 * 1024 * 1024))
in_ns ping -6 -D -i 0.1 -W 1 "$NAT_IP" >"$WORK/ping-nat.out" 2>&1 &
PING_PID=$!
in_ns curl -sS --fail --max-time 180 --limit-rate 8M -o /dev/null \
  -w '%{http_code} %{size_download} %{num_connects}\n' "http://[$NAT_IP]:8080/bytes/$SIZE" \
  >"$WORK/curl.out" 2>"$WORK/curl.err" &
CURL_PID=$!
sleep 6
kill -0 "$CURL_PID" 2>/dev/null || fail "the download ended before UDP was blocked: $(cat "$WORK/curl.out" "$WORK/curl.err")"
p=$(path_of nat.coder)
[[ $p == direct* ]] || fail "the download should be running over the direct path, status says: $p"
ok "download running over $p"
in_ns iptables -I OUTPUT -o eth0 -p udp -j DROP
in_ns iptables -I INPUT -i eth0 -p udp -j DROP
BLOCKED_AT=$(now)
ok "UDP blocked in the client namespace (iptables)"
wait_for 30 "the status shows DERP for nat.coder" bash -c 'path_of nat.coder | grep -q "^DERP"'
STATUS_FALLBACK=$(since "$BLOCKED_AT" "$(now)")
ok "status says $(path_of nat.coder) after $STATUS_FALLBACK s"
wait "$CURL_PID" || fail "the download broke: $(cat "$WORK/curl.err")"
CURL_PID=""
read -r code size connects <"$WORK/curl.out"
[[ $code == 200 && $size == "$SIZE" && $connects == 1 ]] \
  || fail "download: HTTP $code, $size of $SIZE bytes, $connects connections"
ok "the download completed: $size bytes on one TCP connection"
kill "$PING_PID" 2>/dev/null || true
wait "$PING_PID" 2>/dev/null || true
PING_PID=""
# The data-plane outage: the longest silence between ping replies from the block on.
OUTAGE=$(python3 - "$WORK/ping-nat.out" "$BLOCKED_AT" <<'PY'
import re, sys
t0 = float(sys.argv[2])
times = [float(m.group(1)) for m in re.finditer(r"^\[(\d+\.\d+)\] \d+ bytes from", open(sys.argv[1]).read(), re.M)]
before = [t for t in times if t < t0]
after = [t for t in times if t >= t0]
if not after:
    print("inf")
else:
    points = ([before[-1]] if before else [t0]) + after
    print("%.2f" % max(b - a for a, b in zip(points, points[1:])))
PY
)
echo "fallback_outage_seconds=$OUTAGE"
echo "fallback_status_seconds=$STATUS_FALLBACK"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 5 else 1)" "$OUTAGE" \
  || fail "the fall-back to DERP took $OUTAGE s (limit 5 s)"
ok "fall-back to DERP within 5 s: longest gap in a 10/s ping stream $OUTAGE s"

step "4. UDP unblocked: the path returns to direct"
in_ns iptables -D OUTPUT -o eth0 -p udp -j DROP
in_ns iptables -D INPUT -i eth0 -p udp -j DROP
UNBLOCKED_AT=$(now)
wait_for 90 "nat.coder's path returns to direct" bash -c 'path_of nat.coder | grep -q "^direct"'
ok "direct again after $(since "$UNBLOCKED_AT" "$(now)") s: $(path_of nat.coder)"
in_ns curl -sS --fail --max-time 30 -o /dev/null "http://[$NAT_IP]:8080/bytes/1000000" \
  || fail "HTTP over the restored direct path"
ok "HTTP over the restored direct path"

step "coder-desktop down"
cli down >"$WORK/cli.out" 2>&1 || fail "down: $(cat "$WORK/cli.out")"
ok "$(cat "$WORK/cli.out")"
result=PASS
