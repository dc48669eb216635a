#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# The real-Coder demo: starts a REAL Coder server (v2.24.1, or CODER_VERSION=v2.20.0 or v2.30.0,
# built from the Go module proxy) with a workspace and a real agent in a private network namespace, runs
# our service there, signs in and turns CoderVPN on with the coder-desktop CLI, then reaches the
# workspace by its .coder name with ping6, HTTP and ssh. Run as root. When run from a terminal it
# pauses so you can try it yourself before everything is torn down.
# (scripts/demo-wireguard.sh shows the WireGuard engine against wireguard-go instead.)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $(id -u) -ne 0 ]]; then
  echo "the demo creates a network namespace and a TUN device: run it as root" >&2
  exit 1
fi
bash scripts/prereqs.sh
source scripts/java-home.sh
export DEMO=1
exec bash interop/run.sh
