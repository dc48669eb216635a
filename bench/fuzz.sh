#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Runs every parser fuzz test with more inputs than the normal test run (1 000 000 each by default):
# vpn.proto framing, messages and handshake lines; tailnet control messages; the HTTP upgrade
# reply; yamux sessions; the REST JSON bodies; disco. ITERATIONS and SEED override the defaults.
# Prints one line per test class and exits non-zero if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
ITERATIONS=${ITERATIONS:-1000000}
SEED=${SEED:-}
TESTS='VpnProtoFuzzTest,ControlMessageFuzzTest,HttpUpgradeFuzzTest,YamuxFuzzTest,JsonFuzzTest,DiscoFuzzTest'
ARGS=(-B -q -pl vpn-proto,tunnel-core,coder-sdk -am test "-Dtest=$TESTS" -Dsurefire.failIfNoSpecifiedTests=false
  "-Dfuzz.iterations=$ITERATIONS" -Dsurefire.timeout=0 -Djunit.jupiter.execution.timeout.mode=disabled)
[[ -n $SEED ]] && ARGS+=("-Dfuzz.seed=$SEED")
status=0
./mvnw "${ARGS[@]}" || status=$?
for f in vpn-proto/target/surefire-reports/*FuzzTest.txt tunnel-core/target/surefire-reports/*FuzzTest.txt \
  coder-sdk/target/surefire-reports/*FuzzTest.txt; do
  [[ -f $f ]] && sed -n 4p "$f"
done
echo "fuzz: $ITERATIONS inputs per test, exit $status"
exit $status
