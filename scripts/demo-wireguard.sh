#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# The demo of what works today: our Java WireGuard engine on a real TUN device talking to Debian's
# wireguard-go (the reference implementation) across two network namespaces. Builds what it needs,
# installs missing Debian packages, runs as root, and removes everything it created on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
demo_setup
echo "== building the engine"
./mvnw -B -q -pl testbed -am package -DskipTests
source scripts/netns/wgpair.sh
trap pair_down EXIT
echo "== namespace $NS_A runs wireguard-go ($IF_A, 10.77.0.1, fd77::1)"
echo "== namespace $NS_B runs the Java engine ($IF_B, 10.77.0.2, fd77::2)"
pair_up go java
echo "== Java → wireguard-go, IPv6 (the Java side starts the handshake)"
in_b ping -6 -c 3 fd77::1
echo "== wireguard-go → Java, IPv4"
in_a ping -c 3 10.77.0.2
echo "== wireguard-go's view of the Java peer"
in_a wg show "$IF_A"
echo "== TCP through the tunnel for 3 s (iperf3)"
in_a iperf3 -s -1 -B 10.77.0.1 >/dev/null 2>&1 &
for _ in $(seq 1 50); do in_a ss -ltn | grep -q ":5201" && break; sleep 0.1; done
in_b iperf3 -c 10.77.0.1 -t 3 | tail -4
echo "== demo finished; cleaning up"
