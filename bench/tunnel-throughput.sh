#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Throughput and latency of our WireGuard engine beside wireguard-go, measured in one run on this
# machine. As root; cleans up after itself. Build first: ./mvnw -q -pl testbed -am package -DskipTests
#   (a) wireguard-go ↔ wireguard-go   (b) Java ↔ wireguard-go   (c) Java ↔ Java
# For each: iperf3 TCP for $SECONDS_PER_RUN s (B sends to A) after a short warm-up, and the mean
# RTT of 10 pings. RUNS=N repeats the three pairs N times (interleaved, so a change in the machine's
# load hits all three) and reports the medians. Last lines: the ratios of the medians, (b)/(a) and
# (c)/(a), and the load average. Ten pings say little about latency on a shared machine; for RTT
# with many samples, idle and busy, see bench/tunnel-rtt.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
RUNS=${RUNS:-1}
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

echo "wireguard-go: $(wireguard-go --version 2>/dev/null | head -1) (Debian $(dpkg-query -W -f='${Version}' wireguard-go 2>/dev/null || echo '?'))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "measuring $RUNS run(s) (about $((RUNS * 3 * (SECONDS_PER_RUN + 8))) s)..." >&2
results=()
for run in $(seq 1 "$RUNS"); do
  read -r a_mbps a_rtt < <(measure go go)
  read -r b_mbps b_rtt < <(measure go java)
  read -r c_mbps c_rtt < <(measure java java)
  printf 'run %d: a %.0f Mbit/s %.3f ms, b %.0f Mbit/s %.3f ms, c %.0f Mbit/s %.3f ms\n' \
    "$run" "$a_mbps" "$a_rtt" "$b_mbps" "$b_rtt" "$c_mbps" "$c_rtt"
  results+=("$a_mbps $a_rtt $b_mbps $b_rtt $c_mbps $c_rtt")
done
read -r a_mbps a_rtt b_mbps b_rtt c_mbps c_rtt < <(printf '%s\n' "${results[@]}" | python3 -c '
import statistics, sys
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
print(" ".join(str(statistics.median(c)) for c in zip(*rows)))')

printf '%-34s %12s %10s\n' "pair (B sends to A), median" "TCP Mbit/s" "RTT ms"
printf '%-34s %12.0f %10.3f\n' "(a) wireguard-go <-> wireguard-go" "$a_mbps" "$a_rtt"
printf '%-34s %12.0f %10.3f\n' "(b) Java -> wireguard-go" "$b_mbps" "$b_rtt"
printf '%-34s %12.0f %10.3f\n' "(c) Java <-> Java" "$c_mbps" "$c_rtt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 -c "print('ratio_java_to_go_over_wireguard_go=%.2f' % ($b_mbps / $a_mbps))"
python3 -c "print('ratio_java_over_wireguard_go=%.2f' % ($c_mbps / $a_mbps))"
