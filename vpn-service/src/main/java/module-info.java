// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The privileged service: TUN device, addresses, routes, and the Coder Connect engine. */
module dev.coderdesktop.vpn.service {
  requires dev.coderdesktop.tunnel;
  requires dev.coderdesktop.coder.sdk;
  requires java.logging;
  requires jdk.net;
  requires dev.coderdesktop.vpn.proto;
  requires info.picocli;

  // picocli fills the command-line options reflectively.
  opens dev.coderdesktop.vpn.service to
      info.picocli;
  opens dev.coderdesktop.vpn.service.session to
      info.picocli;
  opens dev.coderdesktop.vpn.service.dns to
      info.picocli;

  exports dev.coderdesktop.vpn.service.dns;
}
