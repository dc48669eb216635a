#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Time from turning CoderVPN on to the first ping reply from a workspace agent, over 10 runs;
# prints each and, last, connect_ms_median=<n>. The clock starts when Start is sent to our running
# service (as the tray toggle or `coder-desktop up` does) and stops at the first echo reply through
# the tunnel: REST sign-in, TUN set-up, DERP region probe and login, control plane, coordination
# and the WireGuard handshake are all inside; then Stop, and again.
# With COLD=1 the clock starts instead when a fresh client process is launched (JVM start-up
# included; vpn-service's ForegroundConnect).
#   bench/connect-latency.sh              against the local testbed (default)
#   bench/connect-latency.sh real-coder   against a real Coder server (run interop/run.sh once first;
#                                         CODER_VERSION picks the release, one with an in-memory
#                                         database: v2.24.1 (default) or v2.20.0)
# As root. Build first: ./mvnw -q install -DskipTests (and test-compile, for the toggle client).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/java-home.sh
source scripts/netns/lab-client.sh
TARGET=${1:-testbed}
RUNS=${RUNS:-10}
CP="$ROOT/vpn-service/target/classes:$(cat "$ROOT/vpn-service/target/classpath.txt")"
NS="cdjlat$RANDOM"
VETH="cdjlv$RANDOM"
WORK=$(mktemp -d /tmp/cdj-latency.XXXXXX)
SERVER_PID=""
SVC_PID=""
cleanup() {
  if [[ -n $SVC_PID ]]; then kill -TERM "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true; fi
  [[ -n ${SERVICE_LOG_TO:-} && -f $WORK/service.log ]] && cp "$WORK/service.log" "$SERVICE_LOG_TO"
  [[ -n ${SERVICE_LOG_TO:-} && -f $WORK/harness.err ]] && cat "$WORK/harness.out" "$WORK/harness.err" >"$SERVICE_LOG_TO.server"
  if [[ -n $SERVER_PID ]]; then
    [[ $TARGET == real-coder ]] && { echo quit >&7 2>/dev/null || true; }
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  lab_teardown
  rm -rf "$WORK"
}
trap cleanup EXIT

case $TARGET in
  testbed)
    TB_CP="$ROOT/testbed/target/classes:$(cat "$ROOT/testbed/target/classpath.txt")"
    testbed_start
    lab_client_add "$NS" "$VETH" "$LAB" "$URL"
    # The agent of workspace "dev" (owner alice, agent main): ids derive from names.
    AGENT_ID=$(python3 -c "import uuid,hashlib; print(uuid.UUID(bytes=hashlib.md5(b'agent:alice/dev/main').digest(), version=3))")
    ;;
  real-coder)
    ip netns add "$NS"
    ip -n "$NS" link set lo up
    HARNESS="interop/bin/harness-${CODER_VERSION:-v2.24.1}"
    [[ -x $HARNESS ]] || { echo "run CODER_VERSION=${CODER_VERSION:-v2.24.1} interop/run.sh once first (it builds $HARNESS)" >&2; exit 2; }
    grep -q '^HARNESS_POSTGRES=1' "interop/versions/${CODER_VERSION:-v2.24.1}/harness.env" &&
      { echo "the bench runs releases with an in-memory database only (v2.20.0, v2.24.1)" >&2; exit 2; }
    mkfifo "$WORK/stdin"
    ip netns exec "$NS" env CODER_DESKTOP_HARNESS=1 "$HARNESS" -test.run TestHarness ${HARNESS_FLAGS:-} \
      -test.timeout 0 <"$WORK/stdin" >"$WORK/harness.out" 2>"$WORK/harness.err" &
    SERVER_PID=$!
    exec 7>"$WORK/stdin"
    for _ in $(seq 1 600); do grep -q '"url"' "$WORK/harness.out" && break; sleep 0.2; done
    READY=$(grep -m1 '"url"' "$WORK/harness.out")
    field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$READY" "$1"; }
    URL=$(field url)
    field token >"$WORK/token"
    AGENT_ID=$(field agent_id)
    ;;
  *) echo "usage: $0 [testbed|real-coder]" >&2; exit 2 ;;
esac
AGENT_IP=$(python3 -c "
import uuid,ipaddress,sys
b=bytearray(uuid.UUID(sys.argv[1]).bytes); b[0:6]=bytes.fromhex('fd60627aa42b')
print(ipaddress.IPv6Address(bytes(b)))" "$AGENT_ID")
echo "target: $TARGET at $URL, agent $AGENT_IP"

if [[ -z ${COLD:-} ]]; then
  ip netns exec "$NS" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${SERVICE_JAVA_OPTS:-} -cp "$CP" \
    dev.coderdesktop.vpn.service.ServiceMain --socket "$WORK/vpn.sock" --interface coder0 \
    >"$WORK/service.log" 2>&1 &
  SVC_PID=$!
  for _ in $(seq 1 150); do [[ -S $WORK/vpn.sock ]] && break; sleep 0.2; done
  ip netns exec "$NS" "$JAVA_HOME/bin/java" -cp "$ROOT/vpn-service/target/test-classes:$CP" \
    dev.coderdesktop.vpn.service.bench.ToggleLatency "$WORK/vpn.sock" "$URL" "$WORK/token" \
    "$AGENT_IP" "$RUNS"
  exit 0
fi

times=()
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  ip netns exec "$NS" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 \
    -Djava.util.logging.SimpleFormatter.format='%1$tT.%1$tL %4$s %5$s%6$s%n' \
    -cp "$CP" dev.coderdesktop.vpn.service.session.ForegroundConnect --url "$URL" \
    --token-file "$WORK/token" --interface coder0 >"$WORK/client.$i.log" 2>&1 &
  CPID=$!
  ok=""
  for _ in $(seq 1 400); do
    # A short reply timeout: a probe sent before the tunnel is up must not hide a later reply.
    if ip netns exec "$NS" ping -6 -c 1 -W 0.1 -q "$AGENT_IP" >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill -TERM "$CPID"; wait "$CPID" 2>/dev/null || true
  [[ -n $ok ]] || { echo "run $i: no reply"; tail -5 "$WORK/client.$i.log"; exit 1; }
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms (launched $(date -d @$((start / 1000000000)) +%T).$(( (start / 1000000) % 1000 )))"
  [[ -n ${VERBOSE:-} ]] && sed 's/^/       /' "$WORK/client.$i.log"
  for _ in $(seq 1 100); do ip -n "$NS" link show coder0 >/dev/null 2>&1 || break; sleep 0.05; done
done
median=$(printf '%s\n' "${times[@]}" | sort -n | python3 -c "import sys; v=[int(x) for x in sys.stdin]; print(v[len(v)//2] if len(v)%2 else (v[len(v)//2-1]+v[len(v)//2])//2)")
echo "connect_ms_median=$median"
