#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Trains JDK 25 AOT caches (JEP 483/514/515: classes loaded and linked, method profiles) for our
# programs, so they start in a fraction of the time. A training run is the program doing its usual
# start on a throwaway socket; the JVM writes the cache when it exits (-XX:AOTCacheOutput). A
# launcher passes -XX:AOTCache=FILE; the JVM ignores a cache that does not match its class path
# (jars only, same order, same sizes and times; a common directory may move) or its options.
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
# the service listens on a socket in a temporary directory and is never asked to Start.
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
  OUT="$ROOT/target/aot" JAVA="$JAVA_HOME/bin/java"
  made="$OUT/cli.aot"
  [[ $MODE == tray ]] && made="$OUT/tray.aot"
  # shellcheck disable=SC2086 # the class paths split into files
  if [[ -f $made ]] && [[ -z $(find ${SERVICE_CP//:/ } ${PROGRAM_CP//:/ } "$JVM" "$0" \
      -newer "$made" -print -quit) ]]; then
    echo "aot-train: $OUT is up to date"
    exit 0
  fi
  # From the build: a failed training must not fail it; bin/ then starts without a cache.
  "$0" "$MODE" "$OUT" "$JAVA" "$SERVICE_CP" "$PROGRAM_CP" \
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

case $MODE in
  service-cli)
    rm -f "$OUT/service.aot" "$OUT/cli.aot" "$OUT/service-training.log"
    start_service "-XX:AOTCacheOutput=$OUT/service.aot"
    for _ in $(seq 1 600); do grep -q "warmed up" "$OUT/service-training.log" && break; sleep 0.1; done
    "$JAVA" "@$JVM/cli.options" "-XX:AOTCacheOutput=$OUT/cli.aot" -cp "$PROGRAM_CP" \
      dev.coderdesktop.cli.CoderDesktopCli --socket "$WORK/vpn.sock" status >"$OUT/cli-training.log" 2>&1 \
      || { echo "aot-train: coder-desktop status failed (see $OUT/cli-training.log)" >&2; exit 1; }
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
