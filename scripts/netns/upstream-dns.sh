# SPDX-License-Identifier: AGPL-3.0-only
# Sourced by the end-to-end scripts. Gives a client namespace the DNS setup a user's machine has:
# a plain /etc/resolv.conf (no resolver manager) naming a DNS server of its own: dnsmasq in a
# namespace of its own, on a veth pair, serving www.upstream.test (A and AAAA) and a TXT record
# too big for a 512-byte UDP answer. Nothing in it mentions CoderVPN.
#
#   upstream_dns_up CLIENT_NS   start the server, write the client's resolv.conf, keep a copy
#   upstream_dns_check          the server's names still resolve through the system resolver
#                               (search domain included) and a truncated answer is retried over TCP
#   upstream_dns_unchanged      the client's resolv.conf is byte for byte what it was (cmp)
#   upstream_dns_down           stop the server, delete its namespace (call from the EXIT trap)
#
# Needs $WORK (a private temp dir) and a fail function; uses 192.0.2.0/24 inside the namespaces.
UPSTREAM_NS="cdjdns$RANDOM"
UPSTREAM_VETH="cdjdv$RANDOM"
UPSTREAM_PID=""
UPSTREAM_CLIENT=""

upstream_dns_up() {
  UPSTREAM_CLIENT=$1
  ip netns add "$UPSTREAM_NS"
  ip link add "$UPSTREAM_VETH" netns "$UPSTREAM_CLIENT" type veth peer name eth0 netns "$UPSTREAM_NS"
  ip -n "$UPSTREAM_CLIENT" addr add 192.0.2.2/24 dev "$UPSTREAM_VETH"
  ip -n "$UPSTREAM_CLIENT" link set "$UPSTREAM_VETH" up
  ip -n "$UPSTREAM_NS" addr add 192.0.2.1/24 dev eth0
  ip -n "$UPSTREAM_NS" link set eth0 up
  ip -n "$UPSTREAM_NS" link set lo up
  local chunk
  chunk=$(printf 'x%.0s' $(seq 1 200))
  ip netns exec "$UPSTREAM_NS" dnsmasq --keep-in-foreground --user=root --no-resolv --no-hosts \
    --bind-interfaces --listen-address=192.0.2.1 --pid-file="$WORK/dnsmasq.pid" \
    --log-queries --log-facility="$WORK/dnsmasq.log" \
    --host-record=www.upstream.test,192.0.2.80,2001:db8::80 \
    --txt-record="big.upstream.test,$chunk,$chunk,$chunk,$chunk" &
  UPSTREAM_PID=$!
  mkdir -p "/etc/netns/$UPSTREAM_CLIENT"
  printf '%s\n' "# this lab's own DNS server" "nameserver 192.0.2.1" "search upstream.test" \
    "options timeout:2 attempts:2" >"/etc/netns/$UPSTREAM_CLIENT/resolv.conf"
  cp -p "/etc/netns/$UPSTREAM_CLIENT/resolv.conf" "$WORK/resolv.conf.before"
  local i
  for i in $(seq 1 50); do
    ip netns exec "$UPSTREAM_CLIENT" getent ahosts www.upstream.test >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  fail "the namespace's own DNS server (dnsmasq at 192.0.2.1) does not answer"
}

upstream_dns_check() {
  local out
  out=$(ip netns exec "$UPSTREAM_CLIENT" getent ahosts www.upstream.test) \
    || fail "www.upstream.test no longer resolves (the upstream server's names must keep working)"
  [[ $out == *192.0.2.80* && $out == *2001:db8::80* ]] || fail "www.upstream.test -> $out"
  ip netns exec "$UPSTREAM_CLIENT" getent ahosts www >/dev/null \
    || fail "the search domain upstream.test was lost (getent ahosts www)"
  echo "ok   the upstream server's names still resolve, search domain included"
  out=$(ip netns exec "$UPSTREAM_CLIENT" dig +noedns +ignore +tries=1 +time=5 TXT big.upstream.test)
  [[ $out == *"flags: qr"*" tc"* ]] || fail "a 900-byte answer over UDP should come back truncated: $out"
  out=$(ip netns exec "$UPSTREAM_CLIENT" dig +tcp +short +tries=1 +time=5 TXT big.upstream.test)
  ((${#out} > 800)) || fail "the TCP retry of a truncated answer failed: $out"
  echo "ok   a truncated UDP answer is passed on and the TCP retry is relayed (${#out} bytes)"
}

upstream_dns_unchanged() {
  cmp "$WORK/resolv.conf.before" "/etc/netns/$UPSTREAM_CLIENT/resolv.conf" \
    || fail "resolv.conf differs from the original: $(cat "/etc/netns/$UPSTREAM_CLIENT/resolv.conf")"
}

upstream_dns_down() {
  [[ -n $UPSTREAM_PID ]] && kill "$UPSTREAM_PID" 2>/dev/null && wait "$UPSTREAM_PID" 2>/dev/null
  ip netns del "$UPSTREAM_NS" 2>/dev/null || true
  return 0
}
