#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# The install test: builds the .deb, installs it on THIS machine with dpkg, and checks what it put
# where (launchers on PATH running from the bundled runtime, the systemd unit, the group, the desktop
# entry when the tray app is packaged); runs the installed service the way the unit does and checks
# its socket (mode, group, a group member can use it, a stranger cannot); then removes and purges
# the package and checks that everything is gone. Run as root on a machine without coder-desktop
# installed (CI's is a clean one). It undoes everything on exit, pass or fail.
#
#   installer/test-install.sh [--no-maven] [--deb FILE]
#     --no-maven   build the package from the jars already built (e.g. after ./mvnw verify)
#     --deb FILE   test this package instead of building one
#
# Prints one line per check and ends with "install test: PASS" or "install test: FAIL".
set -euo pipefail
cd "$(dirname "$0")/.."

build_args=(--no-rpm)
deb=""
while (($#)); do
  case "$1" in
    --no-maven) build_args+=(--no-maven) ;;
    --deb) deb=$2; shift ;;
    *) echo "usage: installer/test-install.sh [--no-maven] [--deb FILE]" >&2; exit 2 ;;
  esac
  shift
done
if [[ $(id -u) -ne 0 ]]; then
  echo "the install test installs a package and creates users: run it as root" >&2
  exit 1
fi
if dpkg-query -W -f='${Status}' coder-desktop 2>/dev/null | grep -q 'ok installed'; then
  echo "coder-desktop is already installed here; the test would remove it, so it stops" >&2
  exit 1
fi

PKG=coder-desktop
GROUP=coder-desktop
APP=/opt/coder-desktop
UNIT=/usr/lib/systemd/system/coder-desktop-vpn.service
WANTS=/etc/systemd/system/multi-user.target.wants/coder-desktop-vpn.service
SOCKET=/run/coder-desktop/vpn.sock
WORK=$(mktemp -d /tmp/cdj-install.XXXXXX)
MEMBER="cdjm$RANDOM"
STRANGER="cdjs$RANDOM"
group_existed=0 rundir_existed=0 installed=0
getent group "$GROUP" >/dev/null && group_existed=1
[[ -d /run/coder-desktop ]] && rundir_existed=1
SERVICE_PID=""
result=FAIL

cleanup() {
  if [[ -n $SERVICE_PID ]]; then
    kill -TERM "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  if ((installed)); then dpkg -P "$PKG" >/dev/null 2>&1 || true; fi
  for u in "$MEMBER" "$STRANGER"; do
    getent passwd "$u" >/dev/null && userdel "$u" 2>/dev/null || true
    rm -rf "/tmp/hsperfdata_$u"
  done
  if ((!group_existed)) && getent group "$GROUP" >/dev/null; then groupdel "$GROUP" || true; fi
  if ((!rundir_existed)); then rm -rf /run/coder-desktop; fi
  rm -rf "$WORK"
  echo "install test: $result"
}
trap cleanup EXIT

source "$PWD/scripts/lib.sh"
on_fail() {
  [[ -f $WORK/service.log ]] && { echo "---- service log"; tail -n 20 "$WORK/service.log"; }
}
check() { # description, command...
  local what=$1
  shift
  if "$@" >"$WORK/check.out" 2>&1; then ok "$what"; else cat "$WORK/check.out"; fail "$what"; fi
}
absent() { [[ ! -e $1 && ! -L $1 ]]; }

if [[ -z $deb ]]; then
  step "building the package (installer/build.sh ${build_args[*]})"
  bash installer/build.sh "${build_args[@]}" >"$WORK/build.log" 2>&1 \
    || { tail -n 30 "$WORK/build.log"; fail "installer/build.sh"; }
  deb=$(ls installer/target/${PKG}_*_amd64.deb)
fi
ok "package $deb"
tray=0
dpkg-deb -c "$deb" >"$WORK/contents"
grep -q "\./opt/coder-desktop/bin/coder-desktop-tray$" "$WORK/contents" && tray=1

step "installing its dependencies, then the package with dpkg -i"
missing=()
for dep in $(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/[ (].*//; s/^ *//' | grep .); do
  dpkg-query -W -f='${Status}' "$dep" 2>/dev/null | grep -q "install ok installed" || missing+=("$dep")
done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
installed=1
check "dpkg -i" dpkg -i "$deb"

step "files"
check "coder-desktop on PATH is the packaged launcher" \
  test "$(readlink -f "$(command -v coder-desktop)")" = "$APP/bin/coder-desktop"
check "the package bundles its own Java 25 runtime" grep -q 'JAVA_VERSION="25' "$APP/lib/runtime/release"
# No JAVA_HOME and a PATH without any JDK: the launcher must use the bundled runtime.
check "coder-desktop --help runs" env -i PATH=/usr/bin:/bin coder-desktop --help
check "coder-desktop --version names the package version" \
  bash -c "env -i PATH=/usr/bin:/bin coder-desktop --version | grep -qF '$(dpkg-deb -f "$deb" Version)'"
check "the systemd unit is installed" test -f "$UNIT"
if command -v systemd-analyze >/dev/null; then
  check "systemd-analyze verify accepts the unit" systemd-analyze verify "$UNIT"
else
  echo "skip systemd-analyze verify (not installed)"
fi
if command -v systemctl >/dev/null; then
  check "the unit is enabled (its WantedBy link exists)" test -L "$WANTS"
fi
check "the group $GROUP exists" getent group "$GROUP"
check "/etc/coder-desktop/service.env is in place" test -f /etc/coder-desktop/service.env
if ((tray)); then
  check "coder-desktop-tray on PATH" test "$(readlink -f "$(command -v coder-desktop-tray)")" = \
    "$APP/bin/coder-desktop-tray"
  # Without a display the tray app cannot open a window, but by then the runtime has loaded JavaFX
  # and its natives: a missing module or library shows up here.
  env -i PATH=/usr/bin:/bin HOME="$WORK" timeout 30 coder-desktop-tray >"$WORK/tray.out" 2>&1 || true
  if grep -E 'ClassNotFound|NoClassDefFound|UnsatisfiedLink|FindException|components are missing' \
      "$WORK/tray.out"; then
    fail "coder-desktop-tray cannot load its classes from the bundled runtime"
  fi
  ok "coder-desktop-tray loads JavaFX from the bundled runtime"
  # On a display it draws in software and GTK opens no OpenGL (scripts/jvm/tray.options,
  # launch/SoftwareRendering): no driver (Mesa's, under Xvfb) is mapped into the installed app.
  if command -v xvfb-run >/dev/null; then
    mkdir -m 700 -p "$WORK/xdg"
    # shellcheck disable=SC2016 # expanded by the inner shell
    env -i PATH=/usr/bin:/bin HOME="$WORK" XDG_RUNTIME_DIR="$WORK/xdg" xvfb-run -a sh -c '
      coder-desktop-tray >"$0/tray-x.out" 2>&1 & p=$!
      sleep 12
      if kill -0 "$p"; then grep -cE "_dri\.so|libGLX_mesa|libLLVM" "/proc/$p/maps" >"$0/tray-gl"; fi
      kill "$p"; wait "$p"' "$WORK" || true
    [[ -s $WORK/tray-gl ]] || { cat "$WORK/tray-x.out"; fail "the installed tray app did not stay up on Xvfb"; }
    check "the installed tray app maps no OpenGL driver" test "$(cat "$WORK/tray-gl")" = 0
  elif [[ -n ${CI:-} ]]; then
    fail "CI must check the tray app on a display: install xvfb (scripts/prereqs.sh)"
  fi
  check "the desktop entry is installed" test -f /usr/share/applications/coder-desktop-tray.desktop
  check "the icon is installed" test -f /usr/share/icons/hicolor/scalable/apps/coder-desktop.svg
  check "the desktop entry handles coder:// links" \
    grep -qx 'MimeType=x-scheme-handler/coder;' /usr/share/applications/coder-desktop-tray.desktop
  if command -v update-desktop-database >/dev/null; then
    check "the desktop's MIME cache names the tray for coder://" \
      grep -q '^x-scheme-handler/coder=.*coder-desktop-tray.desktop' /usr/share/applications/mimeinfo.cache
  fi
  if command -v desktop-file-validate >/dev/null; then
    check "desktop-file-validate accepts the entry" \
      desktop-file-validate /usr/share/applications/coder-desktop-tray.desktop
  else
    echo "skip desktop-file-validate (not installed)"
  fi
else
  check "no tray app packaged, so no desktop entry" \
    absent /usr/share/applications/coder-desktop-tray.desktop
fi

step "the installed service, started as the unit starts it"
# The unit's ExecStart, without the optional settings variable (empty by default).
exec_start=$(sed -n 's/^ExecStart=//p' "$UNIT" | sed 's/ *\$CODER_DESKTOP_SERVICE_ARGS//')
[[ $exec_start == "$APP/bin/coder-desktop-service "* ]] || fail "unexpected ExecStart: $exec_start"
absent "$SOCKET" || fail "$SOCKET exists already: is a service running here?"
# shellcheck disable=SC2086 # the unit's arguments, split as systemd splits them
$exec_start >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
# "listening" is printed once the socket has its mode and group (bind creates it a moment before).
wait_for 20 "the service reports it is listening" grep -q "^listening $SOCKET" "$WORK/service.log"
check "the socket appeared" test -S "$SOCKET"
check "the socket is root:$GROUP, mode 660" test "$(stat -c '%U:%G %a' "$SOCKET")" = "root:$GROUP 660"
useradd --no-create-home --home-dir "$WORK/member" --groups "$GROUP" "$MEMBER"
useradd --no-create-home --home-dir "$WORK/stranger" "$STRANGER"
mkdir -p "$WORK/member/.config/coder-desktop" "$WORK/stranger"
chown -R "$MEMBER" "$WORK/member"
chown "$STRANGER" "$WORK/stranger"
chmod 755 "$WORK"
echo "not a real credentials file" >"$WORK/member/.config/coder-desktop/credentials"
check "a member of $GROUP (a supplementary group) can use the service" \
  runuser -u "$MEMBER" -- env HOME="$WORK/member" coder-desktop status
set +e
runuser -u "$STRANGER" -- env HOME="$WORK/stranger" coder-desktop status >"$WORK/check.out" 2>&1
rc=$?
set -e
[[ $rc -eq 3 ]] || { cat "$WORK/check.out"; fail "a user outside $GROUP must be turned away (exit 3, got $rc)"; }
ok "a user outside $GROUP is turned away"
kill -TERM "$SERVICE_PID"
wait "$SERVICE_PID" 2>/dev/null || true
SERVICE_PID=""
check "the service removes its socket when it stops" absent "$SOCKET"

step "dpkg -r"
check "dpkg -r" dpkg -r "$PKG"
for f in "$APP" /usr/bin/coder-desktop /usr/bin/coder-desktop-tray "$UNIT" "$WANTS" \
    /usr/share/applications/coder-desktop-tray.desktop \
    /usr/share/icons/hicolor/scalable/apps/coder-desktop.svg; do
  check "removed: $f" absent "$f"
done
check "the settings in /etc/coder-desktop stay until a purge" test -f /etc/coder-desktop/service.env

step "dpkg -P"
check "dpkg -P" dpkg -P "$PKG"
installed=0
check "purged: /etc/coder-desktop" absent /etc/coder-desktop
check "dpkg no longer knows the package" bash -c "! dpkg-query -W -f='\${Status}' $PKG 2>/dev/null | grep -q 'installed\|config-files'"
check "users' own settings are left alone" test -f "$WORK/member/.config/coder-desktop/credentials"
result=PASS
