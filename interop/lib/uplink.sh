# SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
# SPDX-License-Identifier: AGPL-3.0-only
# Gives a namespace what every real machine has: a link other than loopback and a default route.
# Newer agents (v2.30.0) pause their network engine while the machine has no usable interface,
# and would then never answer. The other end of the veth sits in a namespace of its own with
# nothing behind it, so traffic for any other address ends there and never reaches the host.
# Uses the documentation prefix 192.0.2.0/24.

UPLINK_NS=""

# uplink_add NAMESPACE
uplink_add() {
  local ns=$1 id=$RANDOM
  UPLINK_NS="${ns}up"
  ip netns add "$UPLINK_NS"
  ip link add "cdjup$id" netns "$ns" type veth peer name "cdjgw$id" netns "$UPLINK_NS"
  ip -n "$ns" link set "cdjup$id" name eth0
  ip -n "$ns" addr add 192.0.2.2/24 dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$UPLINK_NS" addr add 192.0.2.1/24 dev "cdjgw$id"
  ip -n "$UPLINK_NS" link set "cdjgw$id" up
  ip -n "$UPLINK_NS" link set lo up
  ip -n "$ns" route add default via 192.0.2.1
}

# uplink_del: deletes the gateway namespace (the veth goes with it).
uplink_del() {
  [[ -n $UPLINK_NS ]] || return 0
  ip netns del "$UPLINK_NS" 2>/dev/null || true
  UPLINK_NS=""
}
