#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Throughput and latency of our WireGuard engine beside wireguard-go, measured in one run on this
# machine. As root; cleans up after itself. Build first: ./mvnw -q -pl testbed -am package -DskipTests
#   (a) wireguard-go ↔ wireguard-go   (b) Java ↔ wireguard-go   (c) Java ↔ Java
# For each: iperf3 TCP for $SECONDS_PER_RUN s (B sends to A) after a short warm-up, and the mean
# RTT of 10 pings. Last line: ratio_java_over_wireguard_go=<c/a>.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
[[ -f testbed/target/classpath.txt ]] || {
  echo "build first: ./mvnw -q -pl testbed -am package -DskipTests" >&2
  exit 2
}

measure() { # kind_a kind_b -> prints "mbps rtt_ms"
  (
    source scripts/netns/wgpair.sh
    trap pair_down EXIT
    pair_up "$1" "$2" >/dev/null
    in_b ping -c 2 -W 2 10.77.0.1 >/dev/null
    run_iperf() {
      in_a iperf3 -s -1 -B 10.77.0.1 >/dev/null 2>&1 &
      local spid=$!
      for _ in $(seq 1 50); do in_a ss -ltn | grep -q ":5201" && break; sleep 0.1; done
      in_b iperf3 -c 10.77.0.1 -t "$1" -J | python3 -c \
        'import json,sys; print(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6)'
      wait "$spid" || true
    }
    run_iperf 3 >/dev/null # warm-up (JIT compilation, TCP window growth)
    mbps=$(run_iperf "$SECONDS_PER_RUN")
    rtt=$(in_b ping -c 10 -i 0.2 -W 2 10.77.0.1 | awk -F/ '/^rtt/ {print $5}')
    echo "$mbps $rtt"
  )
}

echo "measuring (about $((3 * (SECONDS_PER_RUN + 8))) s)..." >&2
read -r a_mbps a_rtt < <(measure go go)
read -r b_mbps b_rtt < <(measure go java)
read -r c_mbps c_rtt < <(measure java java)

printf '%-34s %12s %10s\n' "pair (B sends to A)" "TCP Mbit/s" "RTT ms"
printf '%-34s %12.0f %10.3f\n' "(a) wireguard-go <-> wireguard-go" "$a_mbps" "$a_rtt"
printf '%-34s %12.0f %10.3f\n' "(b) Java -> wireguard-go" "$b_mbps" "$b_rtt"
printf '%-34s %12.0f %10.3f\n' "(c) Java <-> Java" "$c_mbps" "$c_rtt"
python3 -c "print('ratio_java_to_go_over_wireguard_go=%.2f' % ($b_mbps / $a_mbps))"
python3 -c "print('ratio_java_over_wireguard_go=%.2f' % ($c_mbps / $a_mbps))"
