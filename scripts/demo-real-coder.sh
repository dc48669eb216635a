#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# The real-Coder demo: starts a REAL Coder server (v2.24.1, or CODER_VERSION=v2.20.0 or v2.30.0,
# built from the Go module proxy) with a workspace and a real agent in a private network namespace, runs
# our service there, signs in and turns CoderVPN on with the coder-desktop CLI, then reaches the
# workspace by its .coder name with ping6, HTTP and ssh. Run as root. When run from a terminal it
# pauses so you can try it yourself before everything is torn down.
# (scripts/demo-wireguard.sh shows the WireGuard engine against wireguard-go instead.)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
demo_setup
export DEMO=1
exec bash interop/run.sh
