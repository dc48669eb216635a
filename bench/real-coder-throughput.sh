#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# HTTP download throughput to a REAL Coder agent, in one run: through our tunnel by name
# (service + coder-desktop, http://<workspace>.coder:<port>/bytes/<n>) against the real Coder CLI's
# `coder port-forward` to the same agent port. The deployment is interop/'s harness for
# CODER_VERSION (default v2.24.1: coderd with its test database, embedded DERP and test STUN
# server, one real agent); the CLI is built from the same module version
# (github.com/coder/coder/v2/enterprise/cmd/coder from the Go module proxy, with that release's
# go.mod and its replace lines, copied so the tracked files stay as they are; the binary stays in
# interop/bin/, untracked). Client and deployment share one network namespace that has a link and
# a default route (interop/lib/uplink.sh), as a laptop has: Coder's clients take their direct
# endpoints from such interfaces.
# Each side downloads $SIZE_MB MB (default 200) $RUNS times (default 3), alternating, after one
# warm-up each; the median counts. Prints the path each side used, then
#   ours_mbps=<n>  coder_portforward_mbps=<n>  and last  ratio_ours_over_coder_portforward=<r>.
# NO_DIRECT=1 keeps our side on DERP (`coder-desktop up --no-direct`), for comparison.
# As root. SKIP_BUILD=1 skips the Maven build (the Go builds are incremental anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/java-home.sh
INTEROP="$ROOT/interop"
source scripts/lib.sh
source interop/lib/harness.sh
source interop/lib/uplink.sh
harness_release
if [[ -n $HARNESS_POSTGRES ]]; then
  echo "Coder $CODER_VERSION's harness needs PostgreSQL; this benchmark runs releases without it" >&2
  exit 2
fi
SIZE_MB=${SIZE_MB:-200}
RUNS=${RUNS:-3}
BYTES=$((SIZE_MB * 1000 * 1000))

WORK=$(mktemp -d /tmp/cdj-rcthru.XXXXXX)
NS="cdjrct$RANDOM"
HARNESS_PID=""
SERVICE_PID=""
FORWARD_PID=""
cleanup() {
  [[ -n $FORWARD_PID ]] && kill "$FORWARD_PID" 2>/dev/null && wait "$FORWARD_PID" 2>/dev/null || true
  [[ -n $SERVICE_PID ]] && kill -TERM "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  if [[ -n $HARNESS_PID ]]; then
    echo quit >&7 2>/dev/null || true
    kill -TERM "$HARNESS_PID" 2>/dev/null || true
    wait "$HARNESS_PID" 2>/dev/null || true
  fi
  ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  uplink_del
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "/etc/netns/$NS" "$WORK"
}
trap cleanup EXIT
fail() {
  echo "real-coder-throughput: $*" >&2
  for f in service.log harness.err forward.log; do
    [[ -f $WORK/$f ]] && { echo "---- $f (tail)" >&2; tail -n 15 "$WORK/$f" >&2; }
  done
  exit 1
}

echo "building the harness and the coder CLI ($CODER_VERSION, Go module proxy)..." >&2
harness_build >&2 || fail "harness build failed"
coder_cli_build >&2 || fail "coder CLI build failed"
CLI_BIN=$CODER_CLI_BIN
if [[ ${SKIP_BUILD:-} != 1 ]]; then
  ./mvnw -B -q install -DskipTests >&2 || fail "Maven build failed"
fi
SVC_CP="$ROOT/vpn-service/target/classes:$(cat vpn-service/target/classpath.txt)"
CLI_CP="$ROOT/desktop-cli/target/classes:$(cat desktop-cli/target/classpath.txt)"

# One namespace for client and deployment, with a link and a default route.
ip netns add "$NS"
ip -n "$NS" link set lo up
uplink_add "$NS"
mkdir -p "/etc/netns/$NS"
echo "nameserver fd60:627a:a42b::53" >"/etc/netns/$NS/resolv.conf"

harness_start 180
URL=$(harness_field url)
WS=$(harness_field workspace)
PORT=$(harness_field http_port)
harness_field token >"$WORK/token"
chmod 600 "$WORK/token"
HOST="${WS,,}.coder"

in_ns "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$SVC_CP" \
  dev.coderdesktop.vpn.service.ServiceMain --socket "$WORK/vpn.sock" --interface coder0 \
  >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
wait_for 30 "our service listens" test -S "$WORK/vpn.sock"
cli login --url "$URL" --allow-insecure-http --token-file "$WORK/token" >/dev/null 2>&1 || fail "coder-desktop login"
cli up ${NO_DIRECT:+--no-direct} >/dev/null 2>&1 || fail "coder-desktop up"
wait_for 60 "ping6 $HOST through our tunnel" in_ns ping -6 -c 1 -W 2 "$HOST"

LPORT=$((20000 + RANDOM % 20000))
in_ns env CODER_CONFIG_DIR="$WORK/coder-cli" CODER_URL="$URL" \
  CODER_SESSION_TOKEN="$(cat "$WORK/token")" "$CLI_BIN" port-forward "$WS" \
  --tcp "127.0.0.1:$LPORT:$PORT" >"$WORK/forward.log" 2>&1 &
FORWARD_PID=$!
wait_for 60 "coder port-forward answers on 127.0.0.1:$LPORT" \
  in_ns curl -sS --fail --max-time 5 "http://127.0.0.1:$LPORT/"

download() { # url -> Mbit/s
  local bps
  bps=$(in_ns curl -sS --fail --max-time 600 -o /dev/null -w '%{speed_download}' "$1/bytes/$BYTES") \
    || fail "download from $1"
  python3 -c "import sys; print('%.1f' % (float(sys.argv[1]) * 8 / 1e6))" "$bps"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

echo "downloading ${SIZE_MB} MB, $RUNS runs each side (plus a warm-up)..." >&2
download "http://$HOST:$PORT" >/dev/null
download "http://127.0.0.1:$LPORT" >/dev/null
ours=()
theirs=()
for i in $(seq 1 "$RUNS"); do
  ours+=("$(download "http://$HOST:$PORT")")
  theirs+=("$(download "http://127.0.0.1:$LPORT")")
  echo "run $i: ours ${ours[-1]} Mbit/s, coder port-forward ${theirs[-1]} Mbit/s" >&2
done
echo "our path:   $(cli status 2>/dev/null | grep -i "$HOST" | tr -s ' ' | head -n 1)"
# The CLI's own view of its path (a second connection from the same binary and namespace).
CODER_PING=$(in_ns env CODER_CONFIG_DIR="$WORK/coder-cli" CODER_URL="$URL" \
  CODER_SESSION_TOKEN="$(cat "$WORK/token")" timeout 60 "$CLI_BIN" ping -n 5 "$WS" 2>&1 \
  | grep -i pong | tail -n 1 || true)
echo "coder path: ${CODER_PING:-unknown}"
OURS=$(median "${ours[@]}")
THEIRS=$(median "${theirs[@]}")
echo "ours_mbps=$OURS"
echo "coder_portforward_mbps=$THEIRS"
python3 -c "import sys; print('ratio_ours_over_coder_portforward=%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$OURS" "$THEIRS"
