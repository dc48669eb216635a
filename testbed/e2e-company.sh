# SPDX-License-Identifier: AGPL-3.0-only
# Company-network variants of testbed/e2e.sh (issue 16), sourced by it; each hook does nothing
# unless its variable is set.
#   TLS=1    the testbed serves HTTPS with a certificate from a CA made for the run. Sign-in must
#            fail with a certificate error naming the host until that CA is installed in the client's
#            system store with update-ca-certificates (in a private copy of /etc/ssl that only the
#            client namespace sees: /etc/netns/$NS/ssl, so the host's store is never touched).
#   PROXY=1  tinyproxy runs in a namespace of its own on the lab bridge; the client namespace may
#            reach the testbed server only through it (iptables), and the service and CLI get
#            HTTPS_PROXY/HTTP_PROXY. The proxy's log must show the CONNECTs.

PROXY_NS=""
PROXY_VETH=""
PROXY_PID=""

# Options for TestbedMain.
company_testbed_args() {
  if [[ ${TLS:-} == 1 ]]; then echo --tls; fi
}

company_cleanup() {
  [[ -n $PROXY_PID ]] && kill "$PROXY_PID" 2>/dev/null || true
  if [[ -n $PROXY_NS ]]; then
    ip netns pids "$PROXY_NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$PROXY_NS" 2>/dev/null || true
  fi
  [[ -n $PROXY_VETH ]] && ip link del "$PROXY_VETH" 2>/dev/null || true
  return 0
}

# Runs once the client namespace exists, before the service starts (the service reads the system
# store and the proxy variables when it starts).
company_before_service() {
  if [[ ${TLS:-} == 1 ]]; then company_tls; fi
  if [[ ${PROXY:-} == 1 ]]; then company_proxy; fi
  return 0
}

company_tls() {
  local ca host=${HOST_IP}
  ca=$(testbed_field ca_file)
  [[ $URL == https://* && -s $ca ]] || fail "TLS=1 but the testbed is not serving HTTPS ($URL, ca_file '$ca')"
  ok "the testbed serves $URL with a certificate from its own CA ($ca)"

  step "TLS: without the testbed's CA, sign-in is refused with a certificate error"
  if cli login --url "$URL" --token-file "$WORK/token" >"$WORK/cli.out" 2>&1; then
    fail "login succeeded although the testbed's CA is not trusted: $(cat "$WORK/cli.out")"
  fi
  grep -qi "certificate" "$WORK/cli.out" && grep -qF "$host" "$WORK/cli.out" \
    || fail "the login error does not name the certificate problem and the host: $(cat "$WORK/cli.out")"
  ok "login refused: $(tr '\n' ' ' <"$WORK/cli.out")"

  step "TLS: installing the testbed's CA in the client's system store (update-ca-certificates)"
  mkdir -p "/etc/netns/$NS" "$WORK/local-ca"
  cp -a /etc/ssl "/etc/netns/$NS/ssl"
  cp "$ca" "$WORK/local-ca/coder-testbed-$NS.crt"
  # ip netns exec runs in a mount namespace of its own with /etc/netns/$NS/ssl on /etc/ssl; the
  # local CA directory is bound over /usr/local/share/ca-certificates only for this one command.
  in_ns sh -c "mount --bind '$WORK/local-ca' /usr/local/share/ca-certificates \
    && update-ca-certificates" >"$WORK/update-ca.out" 2>&1 \
    || fail "update-ca-certificates: $(cat "$WORK/update-ca.out")"
  in_ns curl -sS --fail --max-time 10 --noproxy '*' -o /dev/null "$URL/api/v2/buildinfo" \
    || fail "curl does not trust the testbed after update-ca-certificates"
  ok "update-ca-certificates: $(grep -i added "$WORK/update-ca.out" | head -n 1); curl trusts $URL"
}

company_proxy() {
  local tag=$RANDOM ip client=${HOST_IP%.*}.250
  step "PROXY: tinyproxy in the lab; the client may reach the server only through it"
  command -v tinyproxy >/dev/null || fail "tinyproxy is not installed (scripts/prereqs.sh)"
  PROXY_NS="cdjtbp$tag"
  PROXY_VETH="cdjtbq$tag"
  ip=${HOST_IP%.*}.249
  ip netns add "$PROXY_NS"
  ip link add "$PROXY_VETH" type veth peer name eth0 netns "$PROXY_NS"
  ip link set "$PROXY_VETH" master "tb${LAB}br"
  ip link set "$PROXY_VETH" up
  ip -n "$PROXY_NS" addr add "$ip/24" dev eth0
  ip -n "$PROXY_NS" link set eth0 up
  ip -n "$PROXY_NS" link set lo up
  mkdir -p "$WORK/proxy"
  chmod 777 "$WORK/proxy"
  cat >"$WORK/proxy/tinyproxy.conf" <<CONF
User nobody
Group nogroup
Port 8888
Listen $ip
Timeout 600
LogFile "$WORK/proxy/tinyproxy.log"
LogLevel Info
MaxClients 100
Allow $client
CONF
  ip netns exec "$PROXY_NS" tinyproxy -d -c "$WORK/proxy/tinyproxy.conf" \
    >"$WORK/proxy/tinyproxy.out" 2>&1 &
  PROXY_PID=$!
  wait_for 15 "tinyproxy listens on $ip:8888" \
    bash -c "ip netns exec $PROXY_NS ss -ltn | grep -q '$ip:8888'"
  in_ns iptables -A OUTPUT -d "$HOST_IP" -j REJECT
  if in_ns curl -sS --max-time 5 --noproxy '*' -o /dev/null -k "$URL/api/v2/buildinfo" 2>/dev/null; then
    fail "the client namespace still reaches $HOST_IP directly"
  fi
  in_ns curl -sS --max-time 10 --proxy "http://$ip:8888" -o /dev/null -k "$URL/api/v2/buildinfo" \
    || fail "the testbed is not reachable through tinyproxy"
  export HTTPS_PROXY="http://$ip:8888" HTTP_PROXY="http://$ip:8888"
  ok "tinyproxy at $ip:8888; direct $HOST_IP blocked in $NS; HTTPS_PROXY/HTTP_PROXY=$HTTPS_PROXY"
}

# Runs after the by-name checks: the proxy must have carried the tailnet websocket and DERP.
company_after_traffic() {
  [[ ${PROXY:-} == 1 ]] || return 0
  local log="$WORK/proxy/tinyproxy.log" port=${URL##*:}
  local n
  n=$(grep -c "CONNECT $HOST_IP:$port" "$log" || true)
  ((n >= 2)) || fail "the proxy log shows $n CONNECTs to $HOST_IP:$port (want the websocket and DERP)"
  grep "CONNECT $HOST_IP:$port" "$log" | head -n 3 | sed 's/^/     /'
  ok "the proxy carried $n CONNECT tunnels to $HOST_IP:$port ($(grep -c "Request" "$log") requests in all)"
}

# Extra options for curl calls from the host to the testbed.
company_curl_args() {
  if [[ ${TLS:-} == 1 ]]; then echo --cacert "$(testbed_field ca_file)"; fi
  # The server's own address (a bare * would be globbed where the caller expands this unquoted).
  if [[ ${PROXY:-} == 1 ]]; then echo --noproxy "$HOST_IP"; fi
}
