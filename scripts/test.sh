#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Runs every test: unit, known-answer and fuzz tests everywhere; as root also the network-namespace
# tests against wireguard-go and the end-to-end check against a real Coder server (interop/run.sh).
# Installs missing Debian prerequisites when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh
source scripts/java-home.sh
./mvnw -B verify "$@"
if [[ $(id -u) -eq 0 ]]; then
  bash interop/run.sh
  DERP_WEBSOCKETS=1 bash interop/run.sh
elif [[ -n ${CI:-} ]]; then
  echo "CI must run the real-Coder end-to-end test, which needs root" >&2
  exit 1
else
  echo "skipped the real-Coder end-to-end test (interop/run.sh): it needs root"
fi
