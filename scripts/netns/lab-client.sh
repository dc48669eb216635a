# SPDX-License-Identifier: AGPL-3.0-only
# Sourced by the scripts that drive the testbed (it sources scripts/lib.sh, which its functions use):
#   lab_init NAME TAG        sets WORK (a new /tmp/cdj-NAME.XXXXXX, mode 755), NS and VETH (cdjTAGc…,
#                            cdjTAGv… with a random number), IFACE (coder0); empties TESTBED_PID and
#                            SERVICE_PID
#   testbed_start [ARGS...]  starts TestbedMain (state in $WORK/testbed, output in $WORK/testbed.out
#                            and .err) as TESTBED_PID, waits for its deployment, sets URL, LAB and
#                            HOST_IP and writes the token to $WORK/token (0600); fails otherwise
#   testbed_field NAME       one field of the deployment's testbed.json
#   lab_client_add NS VETH LAB URL [HOST]  creates namespace NS as a client host on the testbed's lab
#                            bridge (tb<LAB>br): a veth pair (host end VETH, isolated from the agents'
#                            ports like every lab host) and the address .HOST (default .250) of the
#                            testbed's /24 (from URL)
#   lab_teardown             kills what runs in $NS, deletes $NS, $VETH and /etc/netns/$NS, stops
#                            TESTBED_PID (for the script's cleanup trap)
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
lab_init() {
  WORK=$(mktemp -d "/tmp/cdj-$1.XXXXXX")
  chmod 755 "$WORK"
  NS="cdj${2}c$RANDOM"
  VETH="cdj${2}v$RANDOM"
  IFACE=coder0
  TESTBED_PID=""
  SERVICE_PID=""
}
testbed_field() {
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$WORK/testbed/testbed.json" "$1"
}
testbed_start() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$TB_CP" \
    dev.coderdesktop.testbed.TestbedMain --state-dir "$WORK/testbed" "$@" \
    >"$WORK/testbed.out" 2>"$WORK/testbed.err" &
  TESTBED_PID=$!
  wait_for 240 "the testbed reports its deployment" test -s "$WORK/testbed/testbed.json"
  URL=$(testbed_field url)
  LAB=$(testbed_field lab)
  HOST_IP=${URL#*://}
  HOST_IP=${HOST_IP%:*}
  testbed_field token >"$WORK/token"
  chmod 600 "$WORK/token"
}
lab_client_add() {
  local ns=$1 veth=$2 lab=$3 url=$4 host=${5:-250} host_ip
  host_ip=${url#*://}
  host_ip=${host_ip%:*}
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "tb${lab}br"
  bridge link set dev "$veth" isolated on
  ip link set "$veth" up
  ip -n "$ns" addr add "${host_ip%.*}.$host/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
}
lab_teardown() {
  ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  ip link del "$VETH" 2>/dev/null || true
  if [[ -n ${TESTBED_PID:-} ]]; then
    kill -TERM "$TESTBED_PID" 2>/dev/null || true
    wait "$TESTBED_PID" 2>/dev/null || true
  fi
  rm -rf "/etc/netns/$NS"
}
