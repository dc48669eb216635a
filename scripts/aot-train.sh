#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Trains JDK 25 AOT caches (JEP 483/514/515: classes loaded and linked, method profiles) for our
# programs, so they start in a fraction of the time. A training run is the program doing its usual
# start on a throwaway socket; the JVM writes the cache when it exits (-XX:AOTCacheOutput). A
# launcher passes -XX:AOTCache=FILE; the JVM ignores a cache that does not match its class path
# (jars only, same order; a common directory may move) or its options, but not one whose jars were
# rebuilt in place: it then serves the old classes, so bin/ checks the times (scripts/launcher.sh).
#
#   scripts/aot-train.sh service-cli|tray [OUT JAVA SERVICE_CP PROGRAM_CP]
#       Without the last four: the JDK and the modules' jars of this checkout, into target/aot/
#       (where bin/ looks), unless the caches are newer than every jar and option file they
#       depend on; a failure is only a warning (the build goes on, bin/ runs without caches).
#   scripts/aot-train.sh service-cli OUT JAVA SERVICE_CP CLI_CP
#       OUT/service.aot: the service starting (and warming up its Start path, see
#       vpn-service session/Warmup) and answering a Status; OUT/cli.aot: `coder-desktop status`.
#   scripts/aot-train.sh tray OUT JAVA SERVICE_CP TRAY_CP
#       OUT/tray.aot: the tray app on JavaFX's headless platform, connected to a service, for a few
#       seconds (the GTK glass classes of a desktop session are not in it; the rest of JavaFX is).
#
# JAVA must be the runtime the launchers use (the JDK for bin/, the package's own runtime for the
# installer). Each program runs with its options from scripts/jvm/, as its launcher does: a cache
# made under other GC or heap options is refused. Nothing here needs root or touches the system:
# the service listens on a socket in a temporary directory; its training session (train_session)
# runs in a user and network namespace of its own.
# Output of the runs goes to OUT/*.log. Called by Maven (desktop-cli, desktop-app: package phase)
# and installer/build.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JVM="$ROOT/scripts/jvm"
MODE=${1:-}
if (($# == 1)); then
  source "$ROOT/scripts/launcher.sh"
  module=desktop-cli
  [[ $MODE == tray ]] && module=desktop-app
  SERVICE_CP=$(launcher_jar_classpath vpn-service) && PROGRAM_CP=$(launcher_jar_classpath "$module") \
    || { echo "aot-train: package vpn-service and $module first (./mvnw package)" >&2; exit 1; }
  # The testbed serves the training session (see train_session); without its jar, no session.
  TESTBED_CP=${TESTBED_CP-$(launcher_jar_classpath testbed || true)}
  export TESTBED_CP
  OUT="$ROOT/target/aot" JAVA="$JAVA_HOME/bin/java"
  made="$OUT/cli.aot"
  [[ $MODE == tray ]] && made="$OUT/tray.aot"
  # A cache is current when nothing it was trained on is newer and the class paths are the same
  # ones: a build of one module (-pl) resolves the others from ~/.m2 instead of their target/, and
  # the JVM silently ignores a cache trained on other jars.
  stamp="$made.classpath"
  # shellcheck disable=SC2086 # the class paths split into files
  if [[ -f $made && -f $stamp && $(cat "$stamp") == "$SERVICE_CP $PROGRAM_CP" ]] \
      && [[ -z $(find ${SERVICE_CP//:/ } ${PROGRAM_CP//:/ } "$JVM" "$0" \
      -newer "$made" -print -quit) ]]; then
    echo "aot-train: $OUT is up to date"
    exit 0
  fi
  # From the build: a failed training must not fail it; bin/ then starts without a cache.
  rm -f "$stamp"
  "$0" "$MODE" "$OUT" "$JAVA" "$SERVICE_CP" "$PROGRAM_CP" && echo "$SERVICE_CP $PROGRAM_CP" >"$stamp" \
    || echo "aot-train: WARNING: training failed (logs in $OUT); bin/ starts without AOT caches" >&2
  exit 0
else
  OUT=$2 JAVA=$3 SERVICE_CP=$4 PROGRAM_CP=$5
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d /tmp/cdj-aot.XXXXXX)
SVC_PID=""
cleanup() {
  [[ -n $SVC_PID ]] && { kill -TERM "$SVC_PID" 2>/dev/null; wait "$SVC_PID" 2>/dev/null; } || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$WORK/config" XDG_RUNTIME_DIR="$WORK/run" HOME="$WORK/home"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" "$HOME"
chmod 700 "$XDG_RUNTIME_DIR"

start_service() { # extra JVM options...
  "$JAVA" "@$JVM/service.options" "$@" -cp "$SERVICE_CP" dev.coderdesktop.vpn.service.ServiceMain \
    --socket "$WORK/vpn.sock" --state-dir "$WORK/state" --allow-user "$(id -un)" \
    >>"$OUT/service-training.log" 2>&1 &
  SVC_PID=$!
  for _ in $(seq 1 600); do
    [[ -S $WORK/vpn.sock ]] && return 0
    kill -0 "$SVC_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "aot-train: the service did not start (see $OUT/service-training.log)" >&2
  return 1
}
stop_service() { # waits while the JVM writes its cache
  kill -TERM "$SVC_PID"
  wait "$SVC_PID" || true
  SVC_PID=""
}

# A whole first Start, in a network namespace of its own (made with a user namespace, so no root
# and nothing on the host is touched): the testbed serves a deployment on loopback with agents
# that exist only in its coordinator, the service signs in, opens a TUN device, dials DERP and the
# control plane and sends handshakes to the agents; then Stop. The classes of that path (about a
# thousand: the engine, java.net.http, lambdas) then come from the cache, which took the first
# toggle from about 800 to about 450 ms on a 2-core machine. Skipped, with the service's start alone trained, where
# unprivileged user namespaces are off or TESTBED_CP is empty.
# OUT/cli.aot: `coder-desktop status`, the command people run most, in both ways a command line is
# read (`status` and `status --json` without picocli, `hosts` through it), in one JVM (AotTraining);
# with a session on, `up` (the same sign-in again: a no-op for the service) first.
train_cli_status() { # [up]
  local s=(--socket "$WORK/vpn.sock") first=()
  [[ ${1:-} == up ]] && first=("${s[@]}" up ";")
  "$JAVA" "@$JVM/cli.options" "-XX:AOTCacheOutput=$OUT/cli.aot" -cp "$PROGRAM_CP" \
    dev.coderdesktop.cli.AotTraining "${first[@]}" "${s[@]}" status ";" "${s[@]}" status --json ";" \
    "${s[@]}" hosts >"$OUT/cli-training.log" 2>&1 \
    || { echo "aot-train: the CLI's training commands failed (see $OUT/cli-training.log)" >&2; exit 1; }
}

train_session() {
  local cli=("$JAVA" "@$JVM/cli.options" -cp "$PROGRAM_CP" dev.coderdesktop.cli.CoderDesktopCli
    --socket "$WORK/vpn.sock")
  "${TESTBED_JAVA:-$JAVA}" --enable-native-access=ALL-UNNAMED -cp "$TESTBED_CP" dev.coderdesktop.testbed.TestbedMain \
    --no-agents --virtual-workspaces 3 --state-dir "$WORK/testbed" >"$WORK/testbed.log" 2>&1 &
  local tb=$! url
  for _ in $(seq 1 600); do [[ -s $WORK/testbed/testbed.json ]] && break; sleep 0.1; done
  url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$WORK/testbed/testbed.json") \
    || { kill "$tb"; return 1; }
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$WORK/testbed/testbed.json" \
    >"$WORK/token"
  "${cli[@]}" login --url "$url" --token-file "$WORK/token" --allow-insecure-http >>"$OUT/cli-session.log" 2>&1 \
    && "${cli[@]}" up >>"$OUT/cli-session.log" 2>&1 \
    && for name in $("${cli[@]}" hosts 2>/dev/null | head -n 3); do
      ping -6 -c 2 -i 0.3 -W 1 "$name" >/dev/null 2>&1 || true # by name: the DNS shim too
    done \
    && train_cli_status up # with CoderVPN on: the agents' table
  "${cli[@]}" down >>"$OUT/cli-session.log" 2>&1 || true
  kill "$tb" 2>/dev/null
  wait "$tb" 2>/dev/null || true
}

case $MODE in
  session-inside) # the namespace side of train_session: loopback up, a private resolv.conf
    ip link set lo up
    : >"$WORK/resolv.conf"
    # Without it (a resolv.conf that is a dangling link, say) the session still runs, without DNS.
    mount --bind "$WORK/resolv.conf" /etc/resolv.conf \
      || echo "aot-train: no private resolv.conf; the session trains without its DNS step" >&2
    start_service "-XX:AOTCacheOutput=$OUT/service.aot"
    for _ in $(seq 1 600); do grep -q "warmed up" "$OUT/service-training.log" && break; sleep 0.1; done
    train_session || echo "aot-train: the training session failed (see $OUT/*.log)" >&2
    ;;&
  service-cli)
    rm -f "$OUT/service.aot" "$OUT/cli.aot" "$OUT/service-training.log" "$OUT/cli-session.log"
    if [[ -n ${TESTBED_CP:-} ]] && unshare --user --map-root-user --net --mount true 2>/dev/null; then
      export TESTBED_CP TESTBED_JAVA
      if unshare --user --map-root-user --net --mount "$0" session-inside "$OUT" "$JAVA" \
        "$SERVICE_CP" "$PROGRAM_CP"; then
        exit 0
      fi
      echo "aot-train: the training in a namespace failed (logs in $OUT); training the start alone" >&2
      rm -f "$OUT/service.aot" "$OUT/cli.aot"
    fi
    start_service "-XX:AOTCacheOutput=$OUT/service.aot"
    for _ in $(seq 1 600); do grep -q "warmed up" "$OUT/service-training.log" && break; sleep 0.1; done
    ;;&
  service-cli | session-inside)
    # Without a session (or if it failed before its status), the status of a stopped service.
    [[ -s $OUT/cli.aot ]] || train_cli_status
    stop_service
    ;;
  tray)
    rm -f "$OUT/tray.aot" "$OUT/service-training.log"
    start_service
    "$JAVA" "@$JVM/tray.options" "-XX:AOTCacheOutput=$OUT/tray.aot" --enable-native-access=ALL-UNNAMED \
      -Dglass.platform=Headless -Dprism.order=sw -Ddorkbox.updates.Updates.ENABLE=false \
      -Ddorkbox.Updates.ENABLE=false -Dcoder.desktop.socket="$WORK/vpn.sock" -cp "$PROGRAM_CP" \
      dev.coderdesktop.desktop.DesktopMain >"$OUT/tray-training.log" 2>&1 &
    TRAY_PID=$!
    # Until the app has connected to the service (its window is up by then), and a little more for
    # a status to arrive and be shown; a slow machine takes a while.
    for _ in $(seq 1 1200); do
      grep -q "client connected" "$OUT/service-training.log" && break
      kill -0 "$TRAY_PID" 2>/dev/null || break
      sleep 0.1
    done
    sleep "${AOT_TRAY_SECONDS:-3}"
    kill -TERM "$TRAY_PID"
    wait "$TRAY_PID" || true
    stop_service
    ;;
  *) echo "usage: scripts/aot-train.sh service-cli|tray OUT JAVA SERVICE_CP PROGRAM_CP" >&2; exit 2 ;;
esac
written=("$OUT/service.aot" "$OUT/cli.aot")
[[ $MODE == tray ]] && written=("$OUT/tray.aot")
for f in "${written[@]}"; do
  [[ -s $f ]] || { echo "aot-train: no cache written: $f" >&2; exit 1; }
done
ls -l "${written[@]}"
