// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

/**
 * A TCP port an agent's machine listens on, worth offering as {@code http://<host>:<port>}.
 * Immutable.
 *
 * @param port the port, 9 to 65535
 * @param processName the listening process, or empty when the agent could not tell
 */
public record ListeningPort(int port, String processName) {

  /** Validates. */
  public ListeningPort {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    processName = processName == null ? "" : processName;
  }

  /** The URL that opens it through Coder Connect at {@code host} (an agent's hostname). */
  public String url(String host) {
    return "http://" + host + ":" + port + "/";
  }
}
