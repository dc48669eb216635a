// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The coder-desktop command line: a thin client of the service. */
module dev.coderdesktop.cli {
  requires dev.coderdesktop.vpn.proto;
  requires dev.coderdesktop.coder.sdk;
  requires com.fasterxml.jackson.databind;
  requires java.logging;
  requires info.picocli;

  // picocli builds the commands reflectively.
  opens dev.coderdesktop.cli to
      info.picocli;
  opens dev.coderdesktop.cli.signin to
      info.picocli;
  opens dev.coderdesktop.cli.deployments to
      info.picocli;
  opens dev.coderdesktop.cli.vpn to
      info.picocli;
  opens dev.coderdesktop.cli.status to
      info.picocli;
  opens dev.coderdesktop.cli.diagnose to
      info.picocli;
  opens dev.coderdesktop.cli.docs to
      info.picocli;
  opens dev.coderdesktop.cli.workspace to
      info.picocli;
}
