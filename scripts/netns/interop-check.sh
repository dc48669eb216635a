#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Checks one WireGuard interoperability scenario between network namespaces, as root:
#   go-first    wireguard-go (A) ↔ Java (B), wireguard-go starts the handshake
#   java-first  wireguard-go (A) ↔ Java (B), Java starts the handshake
#   rekey       wireguard-go (A) ↔ Java (B) with a 5 s rekey interval on the Java side
#   java-java   Java (A) ↔ Java (B)
# Prints one "ok" line per check and exits non-zero on the first failure.
set -euo pipefail
source "$(dirname "$0")/wgpair.sh"
trap pair_down EXIT

scenario=${1:?scenario}
check() { # description, command...
  local what=$1
  shift
  if "$@" >"$PAIR_DIR/check.out" 2>&1; then
    echo "ok   $what"
  else
    echo "FAIL $what"
    sed 's/^/     /' "$PAIR_DIR/check.out"
    echo "---- endpoint logs"
    tail -n 20 "$PAIR_DIR"/*.log || true
    exit 1
  fi
}

iperf_between() { # server-ns-fn client-ns-fn server-ip [-R]
  local srv=$1 cli=$2 ip=$3
  shift 3
  $srv iperf3 -s -1 -B "$ip" >/dev/null 2>&1 &
  local spid=$!
  for _ in $(seq 1 50); do
    $srv ss -ltn 2>/dev/null | grep -q ":5201" && break
    sleep 0.1
  done
  local bps
  bps=$($cli iperf3 -c "$ip" -t 2 -J "$@" | python3 -c \
    'import json,sys; print(int(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]))')
  wait "$spid" || true
  echo "received $bps bit/s"
  [[ $bps -gt 1000000 ]]
}

handshake_time() { in_a wg show "$IF_A" latest-handshakes | awk '{print $2}'; }

case $scenario in
  go-first)
    pair_up go java
    check "wireguard-go pings Java over IPv4 (go initiates)" in_a ping -c 3 -w 15 10.77.0.2
    check "Java answers over IPv6" in_a ping -6 -c 3 -w 15 fd77::2
    check "Java pings wireguard-go over IPv4" in_b ping -c 3 -w 15 10.77.0.1
    check "Java pings wireguard-go over IPv6" in_b ping -6 -c 3 -w 15 fd77::1
    check "TCP Java → wireguard-go (iperf3)" iperf_between in_a in_b 10.77.0.1
    check "TCP wireguard-go → Java (iperf3 -R)" iperf_between in_a in_b 10.77.0.1 -R
    ;;
  java-first)
    pair_up go java
    check "Java pings wireguard-go over IPv6 (Java initiates)" in_b ping -6 -c 3 -w 15 fd77::1
    check "wireguard-go pings Java over IPv4" in_a ping -c 3 -w 15 10.77.0.2
    check "TCP wireguard-go → Java (iperf3)" iperf_between in_b in_a 10.77.0.2
    ;;
  rekey)
    pair_up go java --rekey-after-seconds 5
    check "Java starts the session" in_b ping -c 2 -w 15 10.77.0.1
    first=$(handshake_time)
    # Traffic keeps flowing across at least two rekeys; allow a little loss around each.
    check "12 s of pings across rekeys lose almost nothing" bash -c \
      "ip netns exec $NS_B ping -i 0.2 -c 60 -W 1 10.77.0.1 | tee /dev/stderr | grep -Eq ' ([0-4])% packet loss'"
    second=$(handshake_time)
    check "wireguard-go saw a newer handshake ($first → $second)" test "$second" -gt "$first"
    ;;
  java-java)
    pair_up java java
    check "Java A pings Java B over IPv4" in_a ping -c 3 -w 15 10.77.0.2
    check "Java B pings Java A over IPv6" in_b ping -6 -c 3 -w 15 fd77::1
    check "TCP between Java peers (iperf3)" iperf_between in_a in_b 10.77.0.1
    ;;
  *)
    echo "unknown scenario $scenario" >&2
    exit 2
    ;;
esac
echo "scenario $scenario passed"
