# SPDX-License-Identifier: AGPL-3.0-only
# Company-network variants of testbed/e2e.sh (issue 16), sourced by it; each hook does nothing
# unless its variable is set.
#   TLS=1    the testbed serves HTTPS with a certificate from a CA made for the run. Sign-in must
#            fail with a certificate error naming the host until that CA is installed in the client's
#            system store with update-ca-certificates (in a private copy of /etc/ssl that only the
#            client namespace sees: /etc/netns/$NS/ssl, so the host's store is never touched).
#   PROXY=1  tinyproxy runs in a namespace of its own on the lab bridge and wants a user and
#            password; the client namespace may reach the testbed server only through it
#            (iptables), and the service and CLI get HTTPS_PROXY/HTTP_PROXY with the credentials.
#            The proxy's log must show the CONNECTs.
#   REGIONS=2 the testbed serves a second DERP region (a relay on a port of its own) and the agents
#            take home regions in turn. During a ping loop to two agents the client's home region's
#            relay is killed for 20 s: replies must resume within 10 s through the other region
#            (the client and the agents homed there move and tell each other through the
#            coordinator), and home must move back once the relay has been healthy again.

PROXY_NS=""
PROXY_VETH=""
PROXY_PID=""

# Options for TestbedMain.
company_testbed_args() {
  if [[ ${TLS:-} == 1 ]]; then echo --tls; fi
  if [[ -n ${REGIONS:-} ]]; then echo --regions "$REGIONS"; fi
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
BasicAuth cdj s3cret
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
  # The proxy wants a user and password (Basic), as company proxies often do: every connection the
  # service and the CLI make (REST, the tailnet websocket, DERP) must carry the proxy URL's.
  # (tinyproxy takes letters and digits only; "%33" in the URL is "3", so the URL is decoded.)
  local code
  code=$(in_ns curl -sS --max-time 10 --proxy "http://$ip:8888" -o /dev/null -w '%{http_code}' \
    -k "$URL/api/v2/buildinfo" 2>/dev/null || true)
  [[ $code == 407 || $code == 000 ]] || fail "tinyproxy let a request without credentials through ($code)"
  in_ns curl -sS --max-time 10 --proxy "http://cdj:s%33cret@$ip:8888" -o /dev/null -k "$URL/api/v2/buildinfo" \
    || fail "the testbed is not reachable through tinyproxy with its credentials"
  # A wrong password: sign-in fails with the proxy's refusal and where to fix it, not a crash.
  if HTTPS_PROXY="http://cdj:wrong@$ip:8888" HTTP_PROXY="http://cdj:wrong@$ip:8888" \
    cli login --url "$URL" --allow-insecure-http --token-file "$WORK/token" >"$WORK/cli.out" 2>&1; then
    fail "login succeeded through the proxy with a wrong password"
  fi
  # (tinyproxy answers a wrong password with 401, not 407: it must not read as a revoked token.)
  grep -q "proxy refused" "$WORK/cli.out" && grep -q "HTTPS_PROXY" "$WORK/cli.out" && ! grep -q "wrong" "$WORK/cli.out" \
    || fail "the login error does not name the proxy's refusal (or shows the password): $(cat "$WORK/cli.out")"
  ok "a wrong proxy password: $(tr '\n' ' ' <"$WORK/cli.out")"
  export HTTPS_PROXY="http://cdj:s%33cret@$ip:8888" HTTP_PROXY="http://cdj:s%33cret@$ip:8888"
  ok "tinyproxy at $ip:8888 (Basic credentials required); direct $HOST_IP blocked in $NS; HTTPS_PROXY/HTTP_PROXY=http://cdj:***@$ip:8888"
}

# Runs after the by-name checks: the proxy must have carried the tailnet websocket and DERP, and
# with REGIONS=2 the relay fail-over is measured.
company_after_traffic() {
  if [[ ${REGIONS:-1} -ge 2 ]]; then company_regions; fi
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

# Kills the client's home region's relay during a ping loop; replies must resume within 10 s.
company_regions() {
  local home other killed host f gap answered_after pids=()
  step "REGIONS=$REGIONS: the home region's relay is killed during a ping loop"
  home=$(grep -o "DERP home region [0-9]*" "$WORK/service.log" | tail -n 1 | awk '{print $4}')
  [[ -n $home ]] || fail "the service log does not name the home region"
  for f in "$WORK"/testbed/agent-*.log; do
    echo "     ${f##*/agent-}: $(grep -m 1 -o "DERP home region [0-9]*" "$f")"
  done
  for host in dev.coder main.build.me.coder; do
    in_ns ping -6 -D -n -i 0.2 -W 1 -c 125 "$host" >"$WORK/failover-$host.out" 2>&1 &
    pids+=($!)
  done
  sleep 3
  killed=$(date +%s.%N)
  curl -sS --fail $(company_curl_args) -X POST \
    "$URL/testbed/relay/restart?region=$home&down_ms=20000" >/dev/null || fail "the relay kill call"
  ok "killed region $home's relay for 20 s at $killed"
  wait_for 30 "the service moved home away from region $home" \
    grep -q "DERP home moved to region [0-9]* (fail-over" "$WORK/service.log"
  other=$(grep -o "DERP home moved to region [0-9]* (fail-over" "$WORK/service.log" | tail -n 1 | awk '{print $6}')
  [[ $other != "$home" ]] || fail "home moved to the killed region"
  wait "${pids[@]}" || true # the ping loops (125 pings 0.2 s apart; some go unanswered)
  for host in dev.coder main.build.me.coder; do
    f="$WORK/failover-$host.out"
    # The longest silence between two replies that spans the kill: the outage as ping saw it.
    read -r gap answered_after < <(python3 - "$f" "$killed" <<'PY'
import re, sys
killed = float(sys.argv[2])
t = [float(m.group(1)) for m in re.finditer(r"^\[(\d+\.\d+)\] \d+ bytes from", open(sys.argv[1]).read(), re.M)]
gaps = [b - a for a, b in zip(t, t[1:]) if b > killed]
print(round(max(gaps), 2) if gaps and t[0] <= killed else -1, sum(1 for x in t if x > killed + 10))
PY
)
    [[ $gap != -1 ]] || fail "no ping replies from $host around the kill: $(tail -n 5 "$f")"
    ((answered_after > 0)) || fail "no ping reply from $host 10 s after the kill: $(tail -n 5 "$f")"
    python3 -c "import sys; sys.exit(0 if $gap < 10 else 1)" \
      || fail "$host was silent for $gap s after the relay was killed (limit 10 s)"
    ok "$host: the longest silence across the kill was ${gap} s ($(grep -c "bytes from" "$f") of 125 answered)"
  done
  ok "the client's home moved from region $home to region $other: $(grep "DERP home moved" "$WORK/service.log" | tail -n 1 | sed 's/.*DERP/DERP/')"
  wait_for 90 "home moved back to region $home after its relay returned" \
    grep -q "DERP home moved to region $home (the best region)" "$WORK/service.log"
  in_ns ping -6 -c 3 -i 0.3 dev.coder >/dev/null || fail "ping6 dev.coder after home moved back"
  ok "home moved back to region $home once its relay answered again; ping6 dev.coder works"
}
