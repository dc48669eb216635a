#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Runs every test: unit, codec and fuzz tests everywhere; as root also the network-namespace tests
# against real peers (wireguard-go). Installs missing Debian prerequisites when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh
source scripts/java-home.sh
exec ./mvnw -B verify "$@"
