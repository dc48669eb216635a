// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The coder-desktop command line: a thin client of the service. Open: every package holds commands
 * or their mixins, which picocli builds reflectively; it exports nothing.
 */
open module dev.coderdesktop.cli {
  requires dev.coderdesktop.vpn.proto;
  requires dev.coderdesktop.coder.sdk;
  requires com.fasterxml.jackson.databind;
  requires java.logging;
  requires info.picocli;
}
