#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# The package under a real systemd. Boots Debian 12 in a systemd-nspawn container (systemd as PID 1,
# D-Bus, systemd-resolved; the root file system made by mmdebstrap from Debian's packages and cached
# in /var/cache/coder-desktop-test, the container's writes going to a tmpfs overlay) and runs
# installer/test-systemd-inside.sh there as a unit: dpkg -i starts the hardened unit, which must
# create the TUN device, its route and the systemd-resolved configuration for a session against the
# testbed (no agents, on the container's loopback), then direct mode on a plain resolv.conf, a
# SIGKILL with systemd's restart repairing the file, then dpkg -r / -P stopping and cleaning up.
#
#   installer/test-systemd.sh [--no-maven] [--deb FILE]
#
# Root. Prints the inside test's lines and ends with "systemd test: PASS" or "systemd test: FAIL".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
build_args=(--no-rpm)
deb=""
while (($#)); do
  case "$1" in
    --no-maven) build_args+=(--no-maven) ;;
    --deb) deb=$(readlink -f "$2"); shift ;;
    *) echo "usage: installer/test-systemd.sh [--no-maven] [--deb FILE]" >&2; exit 2 ;;
  esac
  shift
done
if [[ $(id -u) -ne 0 ]]; then
  echo "the systemd test boots a container: run it as root" >&2
  exit 1
fi
source scripts/java-home.sh
for tool in systemd-nspawn mmdebstrap; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/prereqs.sh as root" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/cdj-systemd.XXXXXX)
NSPAWN_PID=""
result=FAIL
cleanup() {
  [[ -n $NSPAWN_PID ]] && kill "$NSPAWN_PID" 2>/dev/null && wait "$NSPAWN_PID" 2>/dev/null
  rm -rf "$WORK"
  echo "systemd test: $result"
}
trap cleanup EXIT

if [[ -z $deb ]]; then
  echo "---- building the package (installer/build.sh ${build_args[*]})"
  bash installer/build.sh "${build_args[@]}" >"$WORK/build.log" 2>&1 \
    || { tail -n 30 "$WORK/build.log"; exit 1; }
  deb=$(readlink -f installer/target/coder-desktop_*_amd64.deb)
fi
echo "ok   package $deb"

# The image: what the package depends on, systemd with resolved, and the test's own tools.
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//; s/[ (|].*//' | grep . | sort -u | paste -sd,)
pkgs="systemd,systemd-sysv,dbus,systemd-resolved,libnss-resolve,iproute2,procps,dnsmasq-base,python3,network-manager,${deps}"
CACHE=/var/cache/coder-desktop-test
# NetworkManager is installed but not started at boot: the test starts it for its own part.
hook='chroot "$1" systemctl disable NetworkManager.service NetworkManager-wait-online.service NetworkManager-dispatcher.service'
ROOTFS="$CACHE/rootfs-bookworm-$(echo "$pkgs $hook" | sha256sum | cut -c1-12)"
mkdir -p "$CACHE"
(
  flock 9
  if [[ ! -d $ROOTFS ]]; then
    echo "---- building the container's root file system with mmdebstrap (once; a few minutes)"
    rm -rf "$ROOTFS.tmp"
    mmdebstrap --variant=minbase --include="$pkgs" --customize-hook="$hook" bookworm "$ROOTFS.tmp" \
      >"$WORK/mmdebstrap.log" 2>&1 || { tail -n 20 "$WORK/mmdebstrap.log"; exit 1; }
    mv "$ROOTFS.tmp" "$ROOTFS"
  fi
) 9>"$CACHE/.lock"
echo "ok   root file system $ROOTFS"

mkdir -p "$WORK/in" "$WORK/out"
cp "$deb" "$WORK/in/coder-desktop.deb"
cp installer/test-systemd-inside.sh "$WORK/in/inside.sh"
cp scripts/lib.sh "$WORK/in/lib.sh"
# The testbed runs inside from copies of its class path: the checkout and the Maven repository may
# be anywhere on the host (under /tmp too, which the container mounts afresh).
mkdir -p "$WORK/in/tb"
TB_CP=""
n=0
IFS=: read -ra tb_entries <<<"$ROOT/testbed/target/classes:$(cat "$ROOT/testbed/target/classpath.txt")"
for entry in "${tb_entries[@]}"; do
  n=$((n + 1))
  if [[ -d $entry ]]; then
    cp -r "$entry" "$WORK/in/tb/$n"
    TB_CP+=":/cdj/tb/$n"
  else
    cp "$entry" "$WORK/in/tb/$n.jar"
    TB_CP+=":/cdj/tb/$n.jar"
  fi
done
cat >"$WORK/in/env" <<ENV
NM=${NM:-0}
JAVA_HOME=$JAVA_HOME
TB_CP=${TB_CP#:}
ENV
cat >"$WORK/cdj-test.service" <<'UNIT'
[Unit]
Description=coder-desktop package test
After=multi-user.target systemd-resolved.service dbus.service
[Service]
Type=oneshot
EnvironmentFile=/cdj/env
ExecStart=/bin/bash /cdj/inside.sh
StandardOutput=file:/cdj-out/log
StandardError=inherit
UNIT

echo "---- booting Debian 12 with systemd in a container"
timeout 900 systemd-nspawn --keep-unit --register=no -q -D "$ROOTFS" --volatile=overlay \
  --private-network --machine="cdj$RANDOM" \
  --bind-ro="$WORK/in:/cdj" --bind="$WORK/out:/cdj-out" --bind=/dev/net/tun \
  --bind-ro="$JAVA_HOME" \
  --bind-ro="$WORK/cdj-test.service:/etc/systemd/system/cdj-test.service" \
  -b systemd.wants=cdj-test.service >"$WORK/console.log" 2>&1 &
NSPAWN_PID=$!
wait "$NSPAWN_PID" || true
NSPAWN_PID=""
cat "$WORK/out/log" 2>/dev/null || { echo "the test never ran; console:"; tail -n 40 "$WORK/console.log"; }
[[ $(cat "$WORK/out/result" 2>/dev/null) == PASS ]] && result=PASS
[[ $result == PASS ]]
