#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Library: two network namespaces joined by a veth pair, each running one WireGuard endpoint,
# either Debian's wireguard-go ("go") or our Java engine ("java"). Source it, then call
#   pair_up KIND_A KIND_B [extra java args for B]   and always   pair_down   (trap it).
# Tunnel addresses: A = 10.77.0.1 / fd77::1, B = 10.77.0.2 / fd77::2. Needs root.
# The Java end runs with the service's JVM options (scripts/jvm/service.options), so the benchmarks
# measure the engine with the JVM settings it ships with (not its AOT cache); a non-empty
# PAIR_JAVA_OPTS="..." replaces them, split at spaces (e.g. to compare settings).
set -euo pipefail

PAIR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PAIR_ID=${PAIR_ID:-$RANDOM}
NS_A="cdjA$PAIR_ID"
NS_B="cdjB$PAIR_ID"
IF_A="wgA$PAIR_ID"
IF_B="wgB$PAIR_ID"
PAIR_DIR=$(mktemp -d /tmp/cdj-pair.XXXXXX)
PAIR_PIDS=()
MTU=${MTU:-1420}

pair_java() {
  local cp
  cp="$PAIR_ROOT/testbed/target/classes:$(cat "$PAIR_ROOT/testbed/target/classpath.txt")"
  local opts=("@$PAIR_ROOT/scripts/jvm/service.options")
  if [[ -n ${PAIR_JAVA_OPTS:-} ]]; then
    read -ra opts <<<"$PAIR_JAVA_OPTS" # split at spaces: no option may contain one
  fi
  "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" --enable-native-access=ALL-UNNAMED \
    "${opts[@]}" -cp "$cp" \
    dev.coderdesktop.testbed.standalone.StandaloneTunnel "$@"
}

pair_wait_link() { # ns ifname
  for _ in $(seq 1 200); do
    ip netns exec "$1" ip link show "$2" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "interface $2 did not appear in $1" >&2
  return 1
}

# endpoint KIND NS IF PRIV PEER_PUB MY_TUN4 MY_TUN6 PEER_TUN4 PEER_TUN6 PORT PEER_UNDERLAY PEER_PORT [java args]
pair_endpoint() {
  local kind=$1 ns=$2 ifn=$3 priv=$4 peerpub=$5 t4=$6 t6=$7 p4=$8 p6=$9 port=${10} peer=${11} pport=${12}
  shift 12
  local conf="$PAIR_DIR/$ifn.conf"
  cat >"$conf" <<CONF
[Interface]
PrivateKey = $priv
ListenPort = $port

[Peer]
PublicKey = $peerpub
AllowedIPs = $p4/32, $p6/128
Endpoint = $peer:$pport
CONF
  if [[ $kind == go ]]; then
    ip netns exec "$ns" env WG_PROCESS_FOREGROUND=1 wireguard-go "$ifn" >"$PAIR_DIR/$ifn.log" 2>&1 &
    PAIR_PIDS+=($!)
    pair_wait_link "$ns" "$ifn"
    ip netns exec "$ns" wg setconf "$ifn" "$conf"
  else
    ip netns exec "$ns" bash -c "$(declare -f pair_java); PAIR_ROOT='$PAIR_ROOT' JAVA_HOME='${JAVA_HOME:-}' PAIR_JAVA_OPTS=$(printf %q "${PAIR_JAVA_OPTS:-}") pair_java --interface '$ifn' --config '$conf' $*" \
      >"$PAIR_DIR/$ifn.log" 2>&1 &
    PAIR_PIDS+=($!)
    pair_wait_link "$ns" "$ifn"
    # The link appears before the engine listens; on a busy machine that gap can be seconds.
    for _ in $(seq 1 400); do
      grep -q '^ready ' "$PAIR_DIR/$ifn.log" && break
      sleep 0.05
    done
  fi
  ip -n "$ns" link set "$ifn" mtu "$MTU"
  ip -n "$ns" addr add "$t4/24" dev "$ifn"
  ip -n "$ns" -6 addr add "$t6/64" dev "$ifn" nodad
  ip -n "$ns" link set "$ifn" up
}

pair_up() { # KIND_A KIND_B [java args for both]
  local kind_a=$1 kind_b=$2
  shift 2
  ip netns add "$NS_A"
  ip netns add "$NS_B"
  ip link add "vA$PAIR_ID" netns "$NS_A" type veth peer name "vB$PAIR_ID" netns "$NS_B"
  ip -n "$NS_A" addr add 192.168.77.1/24 dev "vA$PAIR_ID"
  ip -n "$NS_B" addr add 192.168.77.2/24 dev "vB$PAIR_ID"
  for ns in "$NS_A" "$NS_B"; do ip -n "$ns" link set lo up; done
  ip -n "$NS_A" link set "vA$PAIR_ID" up
  ip -n "$NS_B" link set "vB$PAIR_ID" up
  local ka kb
  ka=$(wg genkey)
  kb=$(wg genkey)
  PUB_A=$(echo "$ka" | wg pubkey)
  PUB_B=$(echo "$kb" | wg pubkey)
  pair_endpoint "$kind_a" "$NS_A" "$IF_A" "$ka" "$PUB_B" 10.77.0.1 fd77::1 10.77.0.2 fd77::2 \
    51820 192.168.77.2 51821 "$@"
  pair_endpoint "$kind_b" "$NS_B" "$IF_B" "$kb" "$PUB_A" 10.77.0.2 fd77::2 10.77.0.1 fd77::1 \
    51821 192.168.77.1 51820 "$@"
}

pair_down() {
  local p
  for p in "${PAIR_PIDS[@]}"; do
    pkill -TERM -P "$p" 2>/dev/null || true
    kill -TERM "$p" 2>/dev/null || true
  done
  for p in "${PAIR_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  ip netns pids "$NS_A" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  ip netns pids "$NS_B" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  ip netns del "$NS_A" 2>/dev/null || true
  ip netns del "$NS_B" 2>/dev/null || true
  rm -f "/var/run/wireguard/$IF_A.sock" "/var/run/wireguard/$IF_B.sock"
  rm -rf "$PAIR_DIR"
}

in_a() { ip netns exec "$NS_A" "$@"; }
in_b() { ip netns exec "$NS_B" "$@"; }
