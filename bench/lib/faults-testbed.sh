# SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
# SPDX-License-Identifier: AGPL-3.0-only
# bench/faults.sh's target "testbed": our own Coder-compatible server (TestbedMain) with its agents
# in namespaces on a lab bridge; the client namespace $NS is one more host on that bridge. Its admin
# API restarts the server or the relay with the same state and revokes a token, which also ends the
# sessions that use it. Sourced after scripts/netns/lab-client.sh; defines the target_* functions
# bench/faults.sh calls.

target_build() {
  java_classpaths -pl testbed,vpn-service,desktop-cli -am >/dev/null
}

# Starts the testbed and the client namespace; sets URL, HOST (the name to ping), TOKEN and the
# token file, DROP_MATCH (iptables arguments matching the client's TCP to the server), LINK (the
# client's interface), NEW_ADDR (where the "address" fault moves it), ROUTE and DESCRIPTION.
target_setup() {
  testbed_start
  TOKEN=$(testbed_field token)
  DROP_MATCH="-p tcp -d $HOST_IP --dport ${URL##*:}"
  HOST=dev.coder
  LINK=eth0
  NEW_ADDR="${HOST_IP%.*}.249/24"
  ROUTE=""
  lab_client_add "$NS" "$VETH" "$LAB" "$URL" 250
  upstream_dns_up "$NS"
  DESCRIPTION="the testbed at $URL"
}

admin() { curl -sS --fail -X POST "$URL$1" ${2:+--data-binary "$2"} >/dev/null; }
target_restart_server() {
  admin "/testbed/server/restart?down_ms=$1"
  NOTE="(HTTP server and its connections gone for $1 ms)"
}
target_restart_relay() {
  admin "/testbed/relay/restart?down_ms=$1"
  NOTE="(relay clients cut, refused for $1 ms)"
}
# Revokes the session's token; the testbed ends the sessions that use it, as it checks tokens.
target_revoke() {
  admin /testbed/tokens/revoke "$TOKEN"
  NOTE="(token revoked mid-session; the sign-in error must show within 10 s)"
}

# lab_teardown stops the testbed and removes the client's veth.
target_cleanup() { :; }
