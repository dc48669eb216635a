#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Round-trip time through our WireGuard engine beside wireguard-go, the pairs interleaved in one run:
#   (a) wireguard-go <-> wireguard-go   (b) Java -> wireguard-go   (c) Java <-> Java
#   (d) Java <-> Java to compare with (c), when BASELINE_TREE=/path/to/another/built/tree or
#       D_JAVA_OPTS="-XX:..." (JVM options for (d) only, through JAVA_TOOL_OPTIONS) is set
# All pairs are brought up at once, each in two namespaces joined by veth (scripts/netns/wgpair.sh),
# and warmed up (100 pings 10 ms apart and a 2 s iperf3 burst, so the JIT has compiled the data
# path). Then, in $SLICES slices, each pair in turn (the first rotating) gets its share of the pings
# from B to A: $FAST pings 10 ms apart in all, and $IDLE pings 0.2 s apart (every thread asleep
# between them). A pair not being pinged sits idle, so the pairs see the same machine. The report
# gives per pair and interval the median, p90 and mean in ms and the ratio of the medians to (a),
# and the load average after every slice. As root; cleans up after itself.
# Build first: ./mvnw -q -pl testbed -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
SLICES=${SLICES:-10}
FAST=${FAST:-200}
IDLE=${IDLE:-100}
BASELINE_TREE=${BASELINE_TREE:-}
D_JAVA_OPTS=${D_JAVA_OPTS:-}
OUT=$(mktemp -d /tmp/cdj-rtt.XXXXXX)
for tree in . ${BASELINE_TREE:+"$BASELINE_TREE"}; do
  [[ -f $tree/testbed/target/classpath.txt ]] || {
    echo "build first in $tree: ./mvnw -q -pl testbed -am package -DskipTests" >&2
    exit 2
  }
done

# pair_start TREE KIND_A KIND_B LABEL: brings a pair up (its state saved in $OUT/LABEL.pair) and
# warms it: 100 pings 10 ms apart and a 2 s iperf3 burst, so the JIT has compiled the data path.
pair_start() {
  PAIR_ID=$RANDOM
  source "$1/scripts/netns/wgpair.sh"
  # Saved before and after: a pair that fails half-way up is still taken down on exit.
  STARTED+=("$4")
  declare -p NS_A NS_B IF_A IF_B PAIR_DIR PAIR_PIDS >"$OUT/$4.pair"
  pair_up "$2" "$3" >/dev/null
  declare -p NS_A NS_B IF_A IF_B PAIR_DIR PAIR_PIDS >"$OUT/$4.pair"
  in_b ping -c 2 -W 2 10.77.0.1 >/dev/null || true
  in_b ping -c 100 -i 0.01 -W 2 -q 10.77.0.1 >/dev/null || true
  in_a iperf3 -s -1 -B 10.77.0.1 >/dev/null 2>&1 &
  local spid=$!
  for _ in $(seq 1 50); do in_a ss -ltn | grep -q ":5201" && break; sleep 0.1; done
  in_b iperf3 -c 10.77.0.1 -t 2 >/dev/null 2>&1 || true
  wait "$spid" || true
}

# rss_of LABEL: the resident memory of the pair's Java endpoints, in MB (a JVM option can cost it).
rss_of() {
  source "$OUT/$1.pair"
  local ns p kb=0 n=0
  for ns in "$NS_A" "$NS_B"; do
    for p in $(ip netns pids "$ns"); do
      if [[ $(cat "/proc/$p/comm" 2>/dev/null) == java ]]; then
        kb=$((kb + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status")))
        n=$((n + 1))
      fi
    done
  done
  ((n == 0)) || echo "($1) RSS of its $n JVM(s): $((kb / 1024)) MB"
}

stop_all() {
  local label
  for label in "${STARTED[@]}"; do
    source "$OUT/$label.pair"
    pair_down || true
  done
  rm -rf "$OUT"
}

# ping_burst LABEL fast|idle COUNT: B pings A, appends "LABEL kind ms" lines to $OUT/samples. The
# first reply of a fast burst is left out: the pair sat idle while the others were measured.
ping_burst() {
  source "$OUT/$1.pair"
  if [[ $2 == fast ]]; then
    { ip netns exec "$NS_B" ping -c "$(($3 + 1))" -i 0.01 -W 2 10.77.0.1 || true; } |
      sed -n "s/.*icmp_seq=\([0-9]*\).*time=\([0-9.]*\) ms/\1 \2/p" |
      awk -v l="$1" '$1 > 1 {print l, "fast", $2}' >>"$OUT/samples"
  else
    # A lost ping is left out of the samples (ping then exits non-zero; that is not an error here).
    { ip netns exec "$NS_B" ping -c "$3" -i 0.2 -W 2 10.77.0.1 || true; } |
      sed -n "s/.*time=\([0-9.]*\) ms/$1 idle \1/p" >>"$OUT/samples"
  fi
}

echo "wireguard-go: Debian $(dpkg-query -W -f='${Version}' wireguard-go 2>/dev/null || echo '?'), $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
STARTED=()
trap stop_all EXIT
pair_start . go go a
pair_start . go java b
pair_start . java java c
labels=(a b c)
if [[ -n $BASELINE_TREE || -n $D_JAVA_OPTS ]]; then
  JAVA_TOOL_OPTIONS=$D_JAVA_OPTS pair_start "${BASELINE_TREE:-.}" java java d
  labels+=(d)
fi
sleep 2
# Slices: every pair gets a share of the pings in turn, the starting pair rotating, so a change in
# the machine's load during the run hits all pairs alike.
for slice in $(seq 0 $((SLICES - 1))); do
  for k in $(seq 0 $((${#labels[@]} - 1))); do
    ping_burst "${labels[$(((slice + k) % ${#labels[@]}))]}" fast $((FAST / SLICES))
  done
  for k in $(seq 0 $((${#labels[@]} - 1))); do
    ping_burst "${labels[$(((slice + k) % ${#labels[@]}))]}" idle $((IDLE / SLICES))
  done
  echo "slice $((slice + 1))/$SLICES: load average $(cut -d' ' -f1-3 /proc/loadavg)"
done

for label in "${labels[@]}"; do rss_of "$label"; done
python3 - "$OUT/samples" <<'PY'
import statistics, sys
names = {"a": "(a) wireguard-go <-> wireguard-go", "b": "(b) Java -> wireguard-go",
         "c": "(c) Java <-> Java", "d": "(d) Java <-> Java, for comparison"}
s = {}
for line in open(sys.argv[1]):
    pair, kind, ms = line.split()
    s.setdefault((pair, kind), []).append(float(ms))
def p90(v):
    v = sorted(v)
    return v[min(len(v) - 1, int(0.9 * len(v)))]
for kind, title in (("fast", "pings 10 ms apart"), ("idle", "pings 0.2 s apart")):
    print(f"{title}:")
    print(f"  {'pair':36} {'n':>5} {'median':>8} {'p90':>8} {'mean':>8} {'median/(a)':>11}")
    base = statistics.median(s[("a", kind)]) if ("a", kind) in s else None
    for pair in "abcd":
        v = s.get((pair, kind))
        if not v:
            continue
        med = statistics.median(v)
        ratio = f"{med / base:.2f}" if base else "-"
        print(f"  {names[pair]:36} {len(v):5d} {med:8.3f} {p90(v):8.3f} {statistics.mean(v):8.3f} {ratio:>11}")
PY
