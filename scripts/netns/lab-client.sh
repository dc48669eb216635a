# SPDX-License-Identifier: AGPL-3.0-only
# Sourced by the scripts that drive the testbed. lab_client_add NS VETH LAB URL [HOST]: creates
# namespace NS as a client host on the testbed's lab bridge (tb<LAB>br): a veth pair (host end VETH,
# isolated from the agents' ports like every lab host) and the address .HOST (default .250) of the
# testbed's /24 (from URL).
# The caller deletes NS and VETH.
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
