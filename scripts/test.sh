#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Runs every test: unit, known-answer, fuzz and UI tests everywhere; as root also the
# network-namespace tests (wireguard-go interop, the tunnel-core client against the testbed), the
# service + CLI end-to-end check against the testbed (testbed/e2e.sh, also with DERP forced over
# websockets, over HTTPS from the testbed's own CA, through an HTTP proxy that wants a password
# (with DERP over the relay's own upgrade and over websockets), with two DERP regions
# whose home relay is killed during a ping loop, and with two testbeds between which
# 'coder-desktop use' moves CoderVPN: testbed/e2e-deployments.sh), direct
# connections through the testbed's NATs (testbed/direct-e2e.sh), the fault
# suite in its quick mode (QUICK=1 bench/faults.sh: every fault against the testbed, and after the
# real-Coder e2e runs against Coder v2.24.1 too, traffic back within 5 s), the footprint check in its
# quick mode (QUICK=1 bench/footprint.sh: the service as bin/ starts it stays under 160 MB of RSS
# after a connect and 100 MB of traffic), a 2-minute soak (bench/soak.sh: a SIGKILLed service brings the VPN back by itself;
# memory, threads and descriptors do not grow under load and control-plane drops), the same against
# real Coder servers v2.20.0, v2.24.1 and v2.30.0 (interop/run.sh), the install test
# (installer/test-install.sh: builds the .deb, installs, checks and removes it), the same package
# under a real systemd booted in a container (installer/test-systemd.sh: the hardened unit runs a
# session with systemd-resolved and a plain resolv.conf), and the docs check
# (scripts/docs-test.sh: every command of README.md and docs/user-guide.md that can run here).
# Installs missing Debian prerequisites when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh
source scripts/java-home.sh
./mvnw -B verify "$@"
if [[ $(id -u) -eq 0 ]]; then
  SKIP_BUILD=1 bash testbed/e2e.sh
  SKIP_BUILD=1 DERP_WEBSOCKETS=1 bash testbed/e2e.sh
  # Company networks: HTTPS from a private CA, and only an HTTP proxy between client and server.
  SKIP_BUILD=1 TLS=1 bash testbed/e2e.sh
  SKIP_BUILD=1 PROXY=1 bash testbed/e2e.sh
  # The same proxy with DERP over websockets: the websocket's CONNECT carries the credentials too.
  SKIP_BUILD=1 DERP_WEBSOCKETS=1 PROXY=1 bash testbed/e2e.sh
  # Two deployments: sign in to both, 'use' moves CoderVPN from one to the other.
  SKIP_BUILD=1 DEPLOYMENTS=2 bash testbed/e2e.sh
  # Two DERP regions: the home relay dies during a ping loop; traffic resumes within 10 s.
  SKIP_BUILD=1 REGIONS=2 bash testbed/e2e.sh
  SKIP_BUILD=1 bash testbed/direct-e2e.sh
  SKIP_BUILD=1 QUICK=1 bash bench/faults.sh
  SKIP_BUILD=1 QUICK=1 bash bench/footprint.sh
  SKIP_BUILD=1 bash bench/soak.sh 2m
  # Every Coder release we support, oldest to newest; DERP over websockets on one of them.
  SKIP_BUILD=1 CODER_VERSION=v2.20.0 bash interop/run.sh
  SKIP_BUILD=1 CODER_VERSION=v2.24.1 bash interop/run.sh
  # The fault suite against the real Coder (its harness is built by now).
  SKIP_BUILD=1 QUICK=1 TARGET=real-coder CODER_VERSION=v2.24.1 bash bench/faults.sh
  # The deployment forbids direct paths: the session must stay on DERP and work.
  SKIP_BUILD=1 CODER_VERSION=v2.24.1 DIRECT_DISABLED=1 bash interop/run.sh
  SKIP_BUILD=1 CODER_VERSION=v2.30.0 DERP_WEBSOCKETS=1 bash interop/run.sh
  bash installer/test-install.sh --no-maven
  bash installer/test-systemd.sh --deb "$(ls installer/target/coder-desktop_*_amd64.deb)"
  bash scripts/docs-test.sh
elif [[ -n ${CI:-} ]]; then
  echo "CI must run the end-to-end tests and the install test, which need root" >&2
  exit 1
else
  echo "skipped the end-to-end tests (testbed/e2e.sh, testbed/direct-e2e.sh, interop/run.sh), the" \
    "install tests (installer/test-install.sh, installer/test-systemd.sh) and the docs test" \
    "(scripts/docs-test.sh): they need root"
fi
