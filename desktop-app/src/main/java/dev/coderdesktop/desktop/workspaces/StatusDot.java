// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

/** The colour of the dot beside a workspace or agent, with its style class. */
public enum StatusDot {
  /** Connected and healthy. */
  GREEN("dot-green"),
  /** Connecting, or connected with high latency. */
  YELLOW("dot-yellow"),
  /** No recent handshake: the agent cannot be reached. */
  RED("dot-red"),
  /** The workspace is not running. */
  GREY("dot-grey");

  private final String styleClass;

  StatusDot(String styleClass) {
    this.styleClass = styleClass;
  }

  /** The CSS class that paints it. */
  public String styleClass() {
    return styleClass;
  }
}
