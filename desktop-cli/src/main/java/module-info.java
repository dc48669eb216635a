// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The coder-desktop command line: a thin client of the service. */
module dev.coderdesktop.cli {
  requires dev.coderdesktop.vpn.proto;
  requires dev.coderdesktop.coder.sdk;
  requires info.picocli;

  opens dev.coderdesktop.cli to
      info.picocli;
}
