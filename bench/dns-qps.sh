#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Queries per second of the .coder DNS shim for a known name, measured with dnsperf (Debian) on
# loopback for $SECONDS_PER_RUN seconds after a warm-up. Build first:
#   ./mvnw -q install -DskipTests
# Last line: dns_qps=<n>.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
command -v dnsperf >/dev/null || { echo "dnsperf is missing: apt-get install dnsperf" >&2; exit 2; }
[[ -f vpn-service/target/classpath.txt ]] || { echo "build first: ./mvnw -q install -DskipTests" >&2; exit 2; }
PORT=${PORT:-53535}
CP="vpn-service/target/classes:$(cat vpn-service/target/classpath.txt)"
"$JAVA_HOME/bin/java" -XX:+UseParallelGC -cp "$CP" dev.coderdesktop.vpn.service.dns.DnsShimMain \
  "$PORT" dev.coder main.dev.me.coder >/tmp/dns-shim.$$.log 2>&1 &
SHIM=$!
trap 'kill $SHIM 2>/dev/null; wait $SHIM 2>/dev/null; rm -f /tmp/dns-shim.$$.log /tmp/dns-q.$$' EXIT
for _ in $(seq 1 100); do grep -q ready /tmp/dns-shim.$$.log && break; sleep 0.1; done
echo "dev.coder AAAA" >/tmp/dns-q.$$
dnsperf -s 127.0.0.1 -p "$PORT" -d /tmp/dns-q.$$ -l 3 -c 4 -Q 1000000 >/dev/null # warm-up (JIT)
OUT=$(dnsperf -s 127.0.0.1 -p "$PORT" -d /tmp/dns-q.$$ -l "$SECONDS_PER_RUN" -c 4)
echo "$OUT" | grep -E "Queries (sent|completed|lost)|Response codes|Queries per second"
QPS=$(echo "$OUT" | awk '/Queries per second/ {printf "%d", $4}')
echo "dns_qps=$QPS"
