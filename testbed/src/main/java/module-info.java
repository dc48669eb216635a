// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * A local Coder-compatible deployment for tests and the demo: the REST calls Coder Desktop makes,
 * the tailnet control plane with a coordinator, a DERP relay, and workspace agents that are real
 * WireGuard peers inside network namespaces.
 */
module dev.coderdesktop.testbed {
  requires dev.coderdesktop.tunnel;
  requires com.fasterxml.jackson.databind;
  requires com.google.protobuf;
  requires java.logging;
  requires java.net.http;
  requires jdk.httpserver;
  requires info.picocli;

  exports dev.coderdesktop.testbed;
  exports dev.coderdesktop.testbed.config;
  exports dev.coderdesktop.testbed.deployment;

  opens dev.coderdesktop.testbed.config to
      com.fasterxml.jackson.databind;

  // picocli fills the mains' command-line fields reflectively.
  opens dev.coderdesktop.testbed to
      info.picocli;
  opens dev.coderdesktop.testbed.agent to
      info.picocli;
  opens dev.coderdesktop.testbed.standalone to
      info.picocli;
}
