// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.netmon;

/**
 * One change the kernel announced on the rtnetlink route groups. Immutable.
 *
 * @param kind what changed
 * @param interfaceIndex the interface it concerns (0 when the message names none)
 * @param detail a short description for the log
 */
public record RouteChange(Kind kind, int interfaceIndex, String detail) {

  /** The kinds of change we react to. */
  public enum Kind {
    /** A link appeared, vanished or changed state. */
    LINK,
    /** An address was added to or removed from an interface. */
    ADDRESS,
    /** A default route was added or removed. */
    DEFAULT_ROUTE
  }
}
