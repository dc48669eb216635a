#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-only
# Hooks the installed application (/opt/coder-desktop) into the system, and unhooks it. Called as
# root by the package's maintainer scripts (deb postinst/prerm/postrm, rpm %post/%preun/%postun),
# the same way for both formats:
#   integration.sh install   group, /usr/bin links, bash completion and man page, systemd unit (enabled; started when systemd
#                            runs), /etc/coder-desktop/service.env, desktop entry and icon (when
#                            the tray app is in the package)
#   integration.sh remove    stops and disables the service, removes what "install" added except
#                            /etc/coder-desktop and the group
# A deb purge removes /etc/coder-desktop in postrm (this script is gone by then). The group stays,
# as files may still carry its id, and users' own settings (~/.config/coder-desktop) are never
# touched.
set -e

APP=/opt/coder-desktop
GROUP=coder-desktop
UNIT=coder-desktop-vpn.service
UNIT_DIR=/usr/lib/systemd/system
ETC=/etc/coder-desktop
DESKTOP_FILE=/usr/share/applications/coder-desktop-tray.desktop
ICON_FILE=/usr/share/icons/hicolor/scalable/apps/coder-desktop.svg
COMPLETION_FILE=/usr/share/bash-completion/completions/coder-desktop
MAN_FILE=/usr/share/man/man1/coder-desktop.1.gz

systemd_running() { [ -d /run/systemd/system ]; }
has_tray() { [ -x "$APP/bin/coder-desktop-tray" ]; }

install_links() {
  ln -sfn "$APP/bin/coder-desktop" /usr/bin/coder-desktop
  if has_tray; then
    ln -sfn "$APP/bin/coder-desktop-tray" /usr/bin/coder-desktop-tray
  else
    rm -f /usr/bin/coder-desktop-tray
  fi
}

install_docs() {
  install -D -m 0644 "$APP/lib/system/coder-desktop.bash-completion" "$COMPLETION_FILE"
  install -D -m 0644 "$APP/lib/system/coder-desktop.1.gz" "$MAN_FILE"
}

install_desktop_entry() {
  if has_tray; then
    install -D -m 0644 "$APP/lib/system/coder-desktop-tray.desktop" "$DESKTOP_FILE"
    install -D -m 0644 "$APP/lib/system/coder-desktop.svg" "$ICON_FILE"
  else
    rm -f "$DESKTOP_FILE" "$ICON_FILE"
  fi
  refresh_desktop_caches
}

refresh_desktop_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
  fi
}

install_unit() {
  install -D -m 0644 "$APP/lib/system/$UNIT" "$UNIT_DIR/$UNIT"
  if [ ! -e "$ETC/service.env" ]; then
    install -D -m 0644 "$APP/lib/system/service.env" "$ETC/service.env"
  fi
  command -v systemctl >/dev/null 2>&1 || return 0
  if systemd_running; then
    systemctl daemon-reload
    systemctl enable "$UNIT"
    # restart, not start: on an upgrade the old service must give way to the new runtime. A
    # service that fails to start must not fail the package installation half-way: say where to
    # look and carry on (the files are in place; `systemctl restart` retries).
    if ! systemctl restart "$UNIT"; then
      echo "coder-desktop: the service $UNIT did not start; see: journalctl -u $UNIT" \
        "(the package is installed; fix the cause, then: systemctl restart $UNIT)" >&2
    fi
  else
    # No running systemd (a container or an image being built): only enable, which creates the
    # WantedBy link offline, so the service starts on the next boot.
    systemctl enable "$UNIT" >/dev/null 2>&1 || true
  fi
}

remove_unit() {
  if command -v systemctl >/dev/null 2>&1; then
    if systemd_running; then
      systemctl stop "$UNIT" || true
    fi
    systemctl disable "$UNIT" >/dev/null 2>&1 || true
  fi
  rm -f "$UNIT_DIR/$UNIT"
  if command -v systemctl >/dev/null 2>&1 && systemd_running; then
    systemctl daemon-reload || true
  fi
}

case "$1" in
  install)
    if ! getent group "$GROUP" >/dev/null; then
      groupadd --system "$GROUP"
    fi
    install_links
    install_docs
    install_desktop_entry
    install_unit
    ;;
  remove)
    remove_unit
    rm -f /usr/bin/coder-desktop /usr/bin/coder-desktop-tray "$DESKTOP_FILE" "$ICON_FILE" \
      "$COMPLETION_FILE" "$MAN_FILE"
    refresh_desktop_caches
    ;;
  *)
    echo "usage: $0 install|remove" >&2
    exit 2
    ;;
esac
