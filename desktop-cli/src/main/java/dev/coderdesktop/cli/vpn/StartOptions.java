// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.vpn;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of a CoderVPN start, mixed into {@code up} and into {@code use} (which starts
 * CoderVPN for the deployment it moves to): a start through either takes the same headers and
 * direct-path choice. picocli fills the fields on the command's thread.
 */
public final class StartOptions {

  @Option(
      names = "--header",
      paramLabel = "NAME=VALUE",
      description = "An extra HTTP header for the deployment (repeatable).")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(
      names = "--no-direct",
      description = "Stay on the DERP relay: no direct (peer-to-peer UDP) paths to workspaces.")
  boolean noDirect;

  /** The extra headers, in the order given. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Whether direct paths are off. */
  public boolean noDirect() {
    return noDirect;
  }

  /** Whether any of these options was given. */
  public boolean given() {
    return noDirect || !headers.isEmpty();
  }
}
