#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Installs the Debian packages the build and tests use, when they are missing. Needs root for apt.
set -euo pipefail
pkgs=(wireguard-go wireguard-tools iperf3 iproute2 iputils-ping openssh-server openssh-client curl
      dnsutils procps dnsperf
      # the end-to-end tests' own upstream DNS server (scripts/netns/upstream-dns.sh)
      dnsmasq-base
      # the testbed's NAT routers (network shapes) and testbed/direct-e2e.sh's UDP block
      iptables
      # interop/run.sh: Coder v2.30.0's test database (a throwaway server in the namespace)
      postgresql
      # installer/build.sh (jpackage's .deb and .rpm) and installer/test-install.sh
      fakeroot rpm desktop-file-utils systemd passwd util-linux
      # installer/test-systemd.sh (Debian 12 booted with systemd in a container)
      systemd-container mmdebstrap
      # desktop-app's tray test (Xvfb with a tray host) and JavaFX
      fonts-dejavu-core libfontconfig1 libgtk-3-0 xvfb xauth trayer
      # the sign-in in a real desktop keyring, and desktop notifications (KeyringSignInTest,
      # DbusNotifierTest): a session bus, gnome-keyring, secret-tool, gdbus and dunst
      dbus dbus-x11 gnome-keyring libsecret-tools libglib2.0-bin dunst
      # testbed --tls (its CA and server certificate), TLS=1 / PROXY=1 testbed/e2e.sh
      openssl ca-certificates tinyproxy iptables)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "prereqs: missing Debian packages: ${missing[*]} (run as root to install them)" >&2
    exit 0
  fi
  echo "prereqs: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
