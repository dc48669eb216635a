# SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
# SPDX-License-Identifier: AGPL-3.0-only
# bench/faults.sh's target "real-coder": a REAL Coder deployment, interop/'s harness for
# CODER_VERSION (default v2.24.1: coderd with its in-memory database, embedded DERP relay and STUN,
# one workspace with Coder's real agent), on the loopback of the client's own namespace. Sourced
# after scripts/netns/lab-client.sh; defines the target_* functions bench/faults.sh calls.
#
# - The harness runs as "nobody" and our service as root, so the blackhole and reset rules match
#   root's TCP to coderd only (iptables' owner match): the agent keeps its connections, as it would
#   on its own machine.
# - Our client runs DERP-only (up --no-direct; DIRECT=1 allows direct paths): on one loopback a
#   direct UDP path would carry the pings through every TCP fault, and the faults would measure
#   nothing. With DERP the tunnel's traffic crosses coderd's relay, over the TCP the faults cut.
# - The server and relay restarts are the harness's (gate_test.go): every upgraded connection (or
#   every DERP one) cut and requests answered 503 for DOWN_MS. coderdtest keeps its database in
#   memory and cannot restart coderd with the same state, so coderd's process and state stay.
# - Token revoked: the API key is deleted through coderd's REST API. coderd checks keys when a
#   connection is made and leaves live ones open, so our client's TCP connections to coderd are then
#   cut (ss -K, as a network blip would) and the time runs from the delete to the sign-in error.
INTEROP="$ROOT/interop"
source "$ROOT/interop/lib/harness.sh"
source "$ROOT/interop/lib/postgres.sh"
HARNESS_PID=""

target_build() {
  harness_release || fail "no harness for $CODER_VERSION"
  harness_build >&2 || fail "the harness build failed"
  java_classpaths -pl vpn-service,desktop-cli -am >/dev/null
}

target_setup() {
  ip netns add "$NS"
  ip -n "$NS" link set lo up
  # The namespace's link to the world, with its own DNS server, and a default route over it (Coder's
  # newer agents pause without one).
  upstream_dns_up "$NS"
  ip -n "$NS" route add default via 192.0.2.1
  LINK=$UPSTREAM_VETH
  NEW_ADDR=192.0.2.3/24
  ROUTE="default via 192.0.2.1"
  if [[ -n $HARNESS_POSTGRES ]]; then
    pg_start "$NS" || fail "PostgreSQL did not start"
  fi
  mkdir -p "$WORK/harness-home"
  chown nobody: "$WORK/harness-home"
  HARNESS_AS="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
  harness_start 300 HOME="$WORK/harness-home"
  field() { harness_field "$1"; }
  URL=$(field url)
  ADMIN_TOKEN=$(field token)
  HOST="$(field workspace | tr '[:upper:]' '[:lower:]').coder"
  local port=${URL##*:}
  port=${port%%/*}
  CODER_PORT=$port
  DROP_MATCH="-p tcp -d 127.0.0.1 --dport $port -m owner --uid-owner 0"
  [[ -n ${DIRECT:-} ]] || UP_ARGS="--no-direct"
  # A token of its own for the desktop, so that revoking it leaves the harness's session alone.
  TOKEN=$(in_ns curl -sS --fail -X POST -H "Coder-Session-Token: $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' --data '{"token_name":"coder-desktop-faults"}' \
    "$URL/api/v2/users/me/keys/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])') \
    || fail "could not create a token through the REST API"
  printf '%s' "$TOKEN" >"$WORK/token"
  chmod 600 "$WORK/token"
  DESCRIPTION="Coder $(field version) at $URL (interop harness, $CODER_VERSION)${UP_ARGS:+, DERP only}"
}

# harness_command COMMAND EVENT: sends a command and waits for its event line.
harness_command() {
  local before
  before=$(grep -c "\"event\":\"$2\"" "$WORK/harness.out" || true)
  echo "$1" >&7
  wait_for 10 "the harness answers $1" \
    bash -c "(( \$(grep -c '\"event\":\"$2\"' '$WORK/harness.out') > $before ))"
}
target_restart_server() {
  harness_command "restart-server $1" restart-server
  NOTE="(every connection to coderd cut, requests answered 503 for $1 ms; coderd's state stays)"
}
target_restart_relay() {
  harness_command "restart-relay $1" restart-relay
  NOTE="(every DERP connection cut, DERP refused for $1 ms)"
}
target_revoke() {
  in_ns curl -sS --fail -X DELETE -H "Coder-Session-Token: $ADMIN_TOKEN" \
    "$URL/api/v2/users/me/keys/${TOKEN%%-*}" >/dev/null || fail "the key delete failed"
  # Our service's connections to coderd, by local port, then cut.
  local cut=0 lport
  for lport in $(in_ns ss -tnpH state established "( dport = :$CODER_PORT )" \
    | grep "pid=$SERVICE_PID," | awk '{print $3}' | sed 's/.*://'); do
    in_ns ss -K -tnH state established "( sport = :$lport and dport = :$CODER_PORT )" >/dev/null && cut=$((cut + 1))
  done
  NOTE="(API key deleted through the REST API, then our $cut connection(s) to coderd cut; the sign-in error must show within 10 s)"
}

target_cleanup() {
  if [[ -n $HARNESS_PID ]]; then
    echo quit >&7 2>/dev/null || true
    kill -TERM "$HARNESS_PID" 2>/dev/null || true
    wait "$HARNESS_PID" 2>/dev/null || true
  fi
  pg_stop
}
