#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# The soak, as root, against the local testbed: our service and CLI in a client namespace with
# CoderVPN on (the namespace starts with a plain resolv.conf naming a DNS server of its own,
# scripts/netns/upstream-dns.sh; the service takes it over); first the service is SIGKILLed and
# started again and must bring the VPN back by itself (its --state-dir record); then for DURATION it keeps ping6 (5 a second) and TCP load
# (HTTP requests, two at a time) through the tunnel to two agents by name, restarts the testbed's
# server (cutting the tailnet control connection and the relay) every DROP_EVERY_S seconds, and
# compares the service's RSS, threads and open descriptors at the start and the end:
#   soak_rss_growth_mb=  soak_heap_growth_mb=  soak_thread_growth=  soak_fd_growth=
#   soak_lost_pings_pct=  soak_http_failures=  soak_restore_s=
# (the heap is what is live after a full GC, through jcmd; the service runs with the product's JVM
# options, scripts/jvm/service.options, but its heap committed and touched up front, so RSS growth
# is memory outside the heap: code cache, metaspace, threads, buffers, malloc)
# and exits 1 when a growth or the loss is above its threshold (the MAX_* variables).
#
#   bench/soak.sh 2m      DURATION in seconds, or with s, m or h (default 2m)
#   SKIP_BUILD=1          use the classes already built
#   DROP_EVERY_S=180      between control-plane drops (default 180; runs under 6 minutes drop
#                         at a third and at two thirds of the run)
#   MAX_RSS_GROWTH_MB=24 MAX_HEAP_GROWTH_MB=16 MAX_THREAD_GROWTH=8 MAX_FD_GROWTH=8
#   MAX_LOST_PINGS_PCT=5
#   SERVICE_JAVA_OPTS     JVM options for the service (default the product's, with -Xms96m
#                         -XX:+AlwaysPreTouch: the heap at its maximum from the start, so heap
#                         sizing does not show as RSS growth)
#   NMT=1                 native memory tracking in the service: a baseline at the start and the
#                         JVM's own account of what grew, by category, at the end
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source "$ROOT/scripts/java-home.sh"
source "$ROOT/scripts/netns/lab-client.sh"
source "$ROOT/scripts/netns/upstream-dns.sh"

require_root "soak needs namespaces"
ARG=${1:-2m}
case $ARG in
  *h) DURATION=$((${ARG%h} * 3600)) ;;
  *m) DURATION=$((${ARG%m} * 60)) ;;
  *s) DURATION=${ARG%s} ;;
  *) DURATION=$ARG ;;
esac
MAX_RSS_GROWTH_MB=${MAX_RSS_GROWTH_MB:-24}
MAX_HEAP_GROWTH_MB=${MAX_HEAP_GROWTH_MB:-16}
MAX_THREAD_GROWTH=${MAX_THREAD_GROWTH:-8}
MAX_FD_GROWTH=${MAX_FD_GROWTH:-8}
MAX_LOST_PINGS_PCT=${MAX_LOST_PINGS_PCT:-5}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-@$ROOT/scripts/jvm/service.options -Xms96m -XX:+AlwaysPreTouch}
[[ -n ${NMT:-} ]] && SERVICE_JAVA_OPTS="$SERVICE_JAVA_OPTS -XX:NativeMemoryTracking=summary"
if [[ -n ${DROP_EVERY_S:-} ]]; then
  DROPS=$(seq "$DROP_EVERY_S" "$DROP_EVERY_S" $((DURATION - 1)) | tr '\n' ' ')
elif ((DURATION < 360)); then
  DROPS="$((DURATION / 3)) $((2 * DURATION / 3))"
else
  DROPS=$(seq 180 180 $((DURATION - 1)) | tr '\n' ' ')
fi
DOWN_MS=1000
TARGETS=(dev.coder main.build.me.coder)

lab_init soak so
LOAD_PIDS=""
cleanup() {
  for p in $LOAD_PIDS; do kill "$p" 2>/dev/null || true; done
  [[ -n $SERVICE_PID ]] && { kill -TERM "$SERVICE_PID" 2>/dev/null; wait "$SERVICE_PID" 2>/dev/null; } || true
  upstream_dns_down
  lab_teardown
  if [[ -n ${KEEP_LOGS:-} ]]; then echo "soak: logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
on_fail() { tail -n 30 "$WORK/service.log" 2>/dev/null || true; }
ping_once() { in_ns ping -6 -c 1 -W 1 "${TARGETS[0]}"; }
# The service's JVM: the java process inside the namespace (the shell's child).
snapshot() { # prints "rss_kb threads fds"
  local pid=$1
  echo "$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status") $(awk '/^Threads:/ {print $2}' "/proc/$pid/status") $(ls "/proc/$pid/fd" | wc -l)"
}

# Live heap after a full collection, in KiB: the sum over the heap's "total ..., used ..." lines
# (one for G1, a young and an old generation for the serial collector); the metaspace's line has
# no total.
heap_kb() {
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info \
    | awk 'match($0, /total [0-9]+K, used [0-9]+K/) { u = substr($0, RSTART, RLENGTH); sub(/.*used /, "", u); s += u + 0 } END { print s + 0 }'
}

java_classpaths -Dmaven.test.skip=true >/dev/null

testbed_start

lab_client_add "$NS" "$VETH" "$LAB" "$URL" 251
upstream_dns_up "$NS"

export XDG_CONFIG_HOME="$WORK/config"
start_service() {
  # exec: the PID is the JVM's, whose memory, threads and descriptors are measured.
  ip netns exec "$NS" bash -c "exec \"$JAVA_HOME/bin/java\" $SERVICE_JAVA_OPTS --enable-native-access=ALL-UNNAMED \
    -cp \"$SVC_CP\" dev.coderdesktop.vpn.service.ServiceMain --socket \"$WORK/vpn.sock\" --interface coder0 \
    --state-dir \"$WORK/state\"" >>"$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
}
start_service
poll 90 test -S "$WORK/vpn.sock" || fail "the service did not listen within 90 s"
cli_login_up
grep -q "^# Written by coder-desktop-vpn" "/etc/netns/$NS/resolv.conf" \
  || fail "the service did not take resolv.conf over: $(cat "/etc/netns/$NS/resolv.conf")"
poll 60 ping_once || fail "no ping6 ${TARGETS[0]} after up"

# The service dies without warning and is started again; the user does nothing.
kill -9 "$SERVICE_PID"
wait "$SERVICE_PID" 2>/dev/null || true
rm -f "$WORK/vpn.sock"
T0=$(date +%s.%N)
start_service
poll 90 ping_once || fail "the VPN did not come back after the service was SIGKILLed and restarted"
RESTORE_S=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$T0" "$(date +%s.%N)")
cli status | grep -q "CoderVPN: started" || fail "status after the restart: $(cli status | head -n 1)"
echo "soak: the service was SIGKILLed and restarted; the VPN came back by itself in ${RESTORE_S} s"
for t in "${TARGETS[@]}"; do poll 60 in_ns ping -6 -c 1 -W 1 "$t" || fail "no ping6 $t"; done

# Warm up before the baseline (JIT, heap sizing, the first ping rounds).
sleep 20
# The heap first: attaching jcmd starts a thread in the service that stays.
HEAP0=$(heap_kb "$SERVICE_PID")
read -r RSS0 THR0 FD0 < <(snapshot "$SERVICE_PID")
[[ -n ${NMT:-} ]] && "$JAVA_HOME/bin/jcmd" "$SERVICE_PID" VM.native_memory baseline >/dev/null
echo "soak: start rss_kb=$RSS0 heap_kb=$HEAP0 threads=$THR0 fds=$FD0; running ${DURATION} s, control-plane drops at: ${DROPS}s"

for t in "${TARGETS[@]}"; do
  in_ns ping -6 -i 0.2 -W 1 -w "$DURATION" "$t" >"$WORK/ping-$t.out" 2>&1 &
  LOAD_PIDS="$LOAD_PIDS $!"
  in_ns bash -c "end=\$((SECONDS + $DURATION)); ok=0; bad=0
    while ((SECONDS < end)); do
      if curl -sS --max-time 5 -o /dev/null http://$t:8080/; then ok=\$((ok + 1)); else bad=\$((bad + 1)); fi
      sleep 0.1
    done
    echo \"\$ok \$bad\"" >"$WORK/http-$t.out" 2>/dev/null &
  LOAD_PIDS="$LOAD_PIDS $!"
done

START=$SECONDS
for at in $DROPS; do
  while ((SECONDS - START < at)); do sleep 1; done
  curl -sS --fail -X POST "$URL/testbed/server/restart?down_ms=$DOWN_MS" >/dev/null || fail "the server restart call failed"
  echo "soak: t=${at}s the testbed's server restarted (down ${DOWN_MS} ms): tailnet and relay connections cut"
done
for p in $LOAD_PIDS; do wait "$p" 2>/dev/null || true; done
LOAD_PIDS=""
kill -0 "$SERVICE_PID" 2>/dev/null || fail "the service died during the soak"
HEAP1=$(heap_kb "$SERVICE_PID")
read -r RSS1 THR1 FD1 < <(snapshot "$SERVICE_PID")
if [[ -n ${NMT:-} ]]; then
  # Committed memory by category against the baseline, the categories that moved.
  "$JAVA_HOME/bin/jcmd" "$SERVICE_PID" VM.native_memory summary.diff scale=KB \
    | grep -E '^(Total:|-) .*committed=[0-9]+KB [+-]' | sed 's/^-  */soak: nmt /; s/^Total/soak: nmt Total/' || true
fi

SENT=0
RECEIVED=0
for t in "${TARGETS[@]}"; do
  line=$(grep "packets transmitted" "$WORK/ping-$t.out" || echo "0 packets transmitted, 0 received")
  SENT=$((SENT + $(awk '{print $1}' <<<"$line")))
  RECEIVED=$((RECEIVED + $(awk '{print $4}' <<<"$line")))
done
HTTP_OK=0
HTTP_BAD=0
for t in "${TARGETS[@]}"; do
  read -r a b <"$WORK/http-$t.out" || { a=0; b=0; }
  HTTP_OK=$((HTTP_OK + a))
  HTTP_BAD=$((HTTP_BAD + b))
done
((SENT > 0)) || fail "no pings were sent"
((HTTP_OK > 0)) || fail "no HTTP request through the tunnel succeeded"
LOST_PCT=$(python3 -c "import sys; s,r=int(sys.argv[1]),int(sys.argv[2]); print(f'{100*(s-r)/s:.2f}')" "$SENT" "$RECEIVED")
RSS_GROWTH_MB=$(python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / 1024:.1f}')" "$RSS0" "$RSS1")
HEAP_GROWTH_MB=$(python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / 1024:.1f}')" "$HEAP0" "$HEAP1")
THREAD_GROWTH=$((THR1 - THR0))
FD_GROWTH=$((FD1 - FD0))
echo "soak: end rss_kb=$RSS1 heap_kb=$HEAP1 threads=$THR1 fds=$FD1; pings $RECEIVED/$SENT, HTTP $HTTP_OK ok $HTTP_BAD failed"
echo "soak_duration_s=$DURATION"
echo "soak_restore_s=$RESTORE_S"
echo "soak_rss_growth_mb=$RSS_GROWTH_MB"
echo "soak_heap_growth_mb=$HEAP_GROWTH_MB"
echo "soak_thread_growth=$THREAD_GROWTH"
echo "soak_fd_growth=$FD_GROWTH"
echo "soak_lost_pings_pct=$LOST_PCT"
echo "soak_http_failures=$HTTP_BAD"

status=0
over() { echo "soak: FAIL $1"; status=1; }
python3 -c "import sys; sys.exit(float(sys.argv[1]) > float(sys.argv[2]))" "$RSS_GROWTH_MB" "$MAX_RSS_GROWTH_MB" \
  || over "RSS grew ${RSS_GROWTH_MB} MB (limit ${MAX_RSS_GROWTH_MB})"
python3 -c "import sys; sys.exit(float(sys.argv[1]) > float(sys.argv[2]))" "$HEAP_GROWTH_MB" "$MAX_HEAP_GROWTH_MB" \
  || over "the live heap grew ${HEAP_GROWTH_MB} MB (limit ${MAX_HEAP_GROWTH_MB})"
((THREAD_GROWTH <= MAX_THREAD_GROWTH)) || over "threads grew by ${THREAD_GROWTH} (limit ${MAX_THREAD_GROWTH})"
((FD_GROWTH <= MAX_FD_GROWTH)) || over "descriptors grew by ${FD_GROWTH} (limit ${MAX_FD_GROWTH})"
python3 -c "import sys; sys.exit(float(sys.argv[1]) > float(sys.argv[2]))" "$LOST_PCT" "$MAX_LOST_PINGS_PCT" \
  || over "${LOST_PCT}% of pings lost (limit ${MAX_LOST_PINGS_PCT}%)"
[[ $status -eq 0 ]] && echo "soak: PASS" || echo "soak: FAIL"
exit $status
