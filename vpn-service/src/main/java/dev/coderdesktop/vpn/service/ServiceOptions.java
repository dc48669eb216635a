// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service;

import dev.coderdesktop.vpn.service.ipc.ClientLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The service's command line (docs/operator.md); picocli fills the fields. */
@Command(
    name = "coder-desktop-service",
    mixinStandardHelpOptions = true,
    description = "The Coder Desktop VPN service: serves the local socket and runs CoderVPN.")
final class ServiceOptions {

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      description = "The Unix socket to serve (default: ${DEFAULT-VALUE}).")
  Path socket = Path.of("/run/coder-desktop/vpn.sock");

  @Option(
      names = "--group",
      paramLabel = "NAME",
      description = "The socket's group; its members may connect.")
  String group;

  @Option(
      names = "--allow-user",
      paramLabel = "NAME",
      description = "A user who may connect (repeatable).")
  List<String> users = new ArrayList<>();

  @Option(
      names = "--allow-group",
      paramLabel = "NAME",
      description = "A group whose members may connect (repeatable).")
  List<String> groups = new ArrayList<>();

  @Option(
      names = "--interface",
      paramLabel = "NAME",
      description = "The TUN device's name (default: ${DEFAULT-VALUE}).")
  String iface = "coder0";

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Where a running VPN is recorded so that it comes back after a restart.")
  Path stateDir;

  @Option(
      names = "--max-clients",
      paramLabel = "N",
      description = "How many clients may be connected at once (default: ${DEFAULT-VALUE}).")
  int maxClients = ClientLimits.DEFAULT.maxClients();

  @Option(
      names = "--no-direct",
      description = "Keep every session on the DERP relay: no direct (UDP) paths to workspaces.")
  boolean noDirect;
}
