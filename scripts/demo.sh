#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# The main job, with no Coder deployment of your own: builds everything, starts the local testbed
# (a Coder-compatible server with three workspace agents in network namespaces of their own), runs
# our service in a client namespace, signs in and turns CoderVPN on with the coder-desktop CLI, and
# reaches the workspaces by their .coder names with ping6, HTTP and ssh. With a display (DISPLAY
# set) it also opens the tray app on the same service, signed in. From a terminal it pauses so you
# can try it yourself before everything is torn down. Run as root.
# (scripts/demo-real-coder.sh does the same against a real Coder server built from source.)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
demo_setup
export DEMO=1
exec bash testbed/e2e.sh
