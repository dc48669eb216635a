# SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
# SPDX-License-Identifier: AGPL-3.0-only
# The one set of helpers the end-to-end scripts, benchmarks and demos source (after set -euo pipefail
# and with ROOT set to the checkout; JAVA_HOME stays with scripts/java-home.sh, since not every user
# needs a JDK):
#   step TEXT / ok TEXT     a heading line / a passed check
#   fail TEXT               prints FAIL, runs the script's on_fail (if it defines one: log tails), exits 1
#   poll SECS CMD...        runs CMD five times a second until it succeeds (0) or SECS pass (1)
#   wait_for SECS WHAT CMD...   poll, else fail "WHAT"
#   now / since START END   the wall clock in seconds with a fraction / END - START to 0.01 s
#   require_root WHY        exits 2 with WHY unless run as root
#   demo_setup              what every demo needs first: root, the Debian packages, a JDK 25
#   java_classpaths [MVN ARGS...]  builds (unless SKIP_BUILD=1) and sets TB_CP, SVC_CP and CLI_CP
#   in_ns CMD... / cli ARGS...     CMD in namespace $NS / coder-desktop there, on $WORK/vpn.sock
#                                  with the configuration in $XDG_CONFIG_HOME (default $WORK/config)
#   cli_login_up [UP ARGS...]      coder-desktop login (to $URL with $WORK/token), then up; fails
#                                  with the command's output; up's output stays in $WORK/cli.out
#   cli_down_clean                 coder-desktop down, and no TUN device ($IFACE), tailnet route
#                                  or tailnet address left behind in $NS

step() { echo "---- $*"; }
ok() { echo "ok   $*"; }
fail() {
  echo "FAIL $*"
  if declare -F on_fail >/dev/null; then on_fail || true; fi
  exit 1
}
poll() { # seconds, command...
  local secs=$1
  shift
  for _ in $(seq 1 $((secs * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  return 1
}
wait_for() { # seconds, description, command...
  local secs=$1 what=$2
  shift 2
  poll "$secs" "$@" || fail "$what (waited ${secs}s)"
}
now() { date +%s.%N; }
since() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

require_root() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "$*: run it as root" >&2
    exit 2
  fi
}

demo_setup() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  ROOT=$(pwd)
  require_root "the demo creates network namespaces and TUN devices"
  bash "$ROOT/scripts/prereqs.sh"
  source "$ROOT/scripts/java-home.sh"
}

java_classpaths() {
  if [[ ${SKIP_BUILD:-} != 1 ]]; then
    step "building"
    (cd "$ROOT" && ./mvnw -B -q install -DskipTests "$@")
  fi
  TB_CP="$ROOT/testbed/target/classes:$(cat "$ROOT/testbed/target/classpath.txt")"
  SVC_CP="$ROOT/vpn-service/target/classes:$(cat "$ROOT/vpn-service/target/classpath.txt")"
  CLI_CP="$ROOT/desktop-cli/target/classes:$(cat "$ROOT/desktop-cli/target/classpath.txt")"
}

in_ns() { ip netns exec "$NS" "$@"; }
cli() {
  in_ns env XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$WORK/config}" "$JAVA_HOME/bin/java" -cp "$CLI_CP" \
    dev.coderdesktop.cli.CoderDesktopCli --socket "$WORK/vpn.sock" "$@"
}
cli_login_up() {
  # The lab's plain http:// deployment is on another address than loopback: consent is explicit.
  cli login --url "$URL" --allow-insecure-http --token-file "$WORK/token" >"$WORK/cli.out" 2>&1 || fail "login: $(cat "$WORK/cli.out")"
  cli up "$@" >"$WORK/cli.out" 2>&1 || fail "up: $(cat "$WORK/cli.out")"
}
cli_down_clean() {
  step "coder-desktop down"
  cli down >"$WORK/cli.out" 2>&1 || fail "down: $(cat "$WORK/cli.out")"
  ok "$(cat "$WORK/cli.out")"
  wait_for 10 "the TUN device is gone" bash -c "! ip -n $NS link show $IFACE"
  ip -n "$NS" -6 route | grep -q fd60: && fail "a route into the tailnet is left behind"
  ip -n "$NS" -6 addr | grep -q fd60: && fail "a tailnet address is left behind"
  ok "no device, address or route left behind"
}
