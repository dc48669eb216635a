# SPDX-License-Identifier: AGPL-3.0-only
# Shared helpers for the end-to-end scripts (interop/run.sh, testbed/e2e.sh,
# installer/test-install.sh) and the demos. Source it after setting -euo pipefail:
#   step TEXT          a heading line
#   ok TEXT            a passed check
#   fail TEXT          prints FAIL, runs the script's on_fail (if it defines one: log tails), exits 1
#   wait_for SECS WHAT CMD...   polls CMD every 0.2 s until it succeeds, else fail "WHAT"
# JAVA_HOME stays with scripts/java-home.sh (not every user needs a JDK).

step() { echo "---- $*"; }
ok() { echo "ok   $*"; }
fail() {
  echo "FAIL $*"
  if declare -F on_fail >/dev/null; then on_fail || true; fi
  exit 1
}
wait_for() { # seconds, description, command...
  local secs=$1 what=$2
  shift 2
  for _ in $(seq 1 $((secs * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  fail "$what (waited ${secs}s)"
}
