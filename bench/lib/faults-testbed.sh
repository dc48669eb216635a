# SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
# SPDX-License-Identifier: AGPL-3.0-only
# bench/faults.sh's target "testbed": our own Coder-compatible server (TestbedMain) with its agents
# in namespaces on a lab bridge; the client namespace $NS is one more host on that bridge. Its admin
# API restarts the server or the relay with the same state and revokes a token, which also ends the
# sessions that use it. Sourced; defines the target_* functions bench/faults.sh calls.

TESTBED_PID=""
VETH="cdjflv$RANDOM"

target_build() {
  [[ ${SKIP_BUILD:-} == 1 ]] || ./mvnw -B -q install -DskipTests -pl testbed,vpn-service,desktop-cli -am >/dev/null
}

# Starts the testbed and the client namespace; sets URL, HOST (the name to ping), the token file,
# DROP_MATCH (iptables arguments matching the client's TCP to the server), LINK (the client's
# interface) and NEW_ADDR (the address the "address" fault moves it to).
target_setup() {
  local cp="$ROOT/testbed/target/classes:$(cat "$ROOT/testbed/target/classpath.txt")"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" \
    dev.coderdesktop.testbed.TestbedMain --state-dir "$WORK/testbed" \
    >"$WORK/testbed.out" 2>"$WORK/testbed.err" &
  TESTBED_PID=$!
  wait_for 90 test -s "$WORK/testbed/testbed.json" || die "the testbed did not come up"
  field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$WORK/testbed/testbed.json" "$1"; }
  URL=$(field url)
  local lab host_port host_ip
  lab=$(field lab)
  TOKEN=$(field token)
  printf '%s' "$TOKEN" >"$WORK/token"
  chmod 600 "$WORK/token"
  host_port=${URL#http://}
  host_ip=${host_port%:*}
  DROP_MATCH="-p tcp -d $host_ip --dport ${host_port##*:}"
  HOST=dev.coder
  LINK=eth0
  NEW_ADDR="${host_ip%.*}.249/24"
  ROUTE=""
  lab_client_add "$NS" "$VETH" "$lab" "$URL" 250
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

target_cleanup() {
  ip link del "$VETH" 2>/dev/null || true
  if [[ -n $TESTBED_PID ]]; then
    kill -TERM "$TESTBED_PID" 2>/dev/null || true
    wait "$TESTBED_PID" 2>/dev/null || true
  fi
}
