// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import java.util.List;

/**
 * The program that opens a link on a Linux desktop: the desktop's URL handler ({@code xdg-open})
 * for every URL, and Debian's terminal alternative running {@code ssh} for the terminal. Only the
 * command line; the caller runs it. Stateless.
 */
public final class Launch {

  private Launch() {}

  /**
   * The command that opens {@code link}; {@code token} fills an external app's session-token
   * placeholder (pass it only here, never to a log).
   */
  public static List<String> command(AppLink link, String token) {
    return switch (link.kind()) {
      case TERMINAL -> List.of("x-terminal-emulator", "-e", "ssh", link.target());
      case WEB, EXTERNAL, VSCODE -> List.of("xdg-open", link.withToken(token));
    };
  }

  /** The command that opens {@code url} (a port's page, an RDP link). */
  public static List<String> url(String url) {
    return List.of("xdg-open", url);
  }
}
