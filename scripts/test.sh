#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Runs every test: unit, known-answer and fuzz tests everywhere; as root also the network-namespace
# tests against wireguard-go, the end-to-end check against a real Coder server (interop/run.sh),
# and the install test (installer/test-install.sh: builds the .deb, installs, checks and removes it).
# Installs missing Debian prerequisites when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh
source scripts/java-home.sh
./mvnw -B verify "$@"
if [[ $(id -u) -eq 0 ]]; then
  bash interop/run.sh
  DERP_WEBSOCKETS=1 bash interop/run.sh
  bash installer/test-install.sh --no-maven
elif [[ -n ${CI:-} ]]; then
  echo "CI must run the real-Coder end-to-end test and the install test, which need root" >&2
  exit 1
else
  echo "skipped the real-Coder end-to-end test (interop/run.sh) and the install test" \
    "(installer/test-install.sh): they need root"
fi
