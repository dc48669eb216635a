// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.state;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the tray app shows, from the user's point of view. Allowed transitions ({@link
 * AppStateMachine} enforces them; a state may always "move" to itself to update its detail):
 *
 * <pre>
 *   SIGNED_OUT ──sign in──▶ SERVICE_UNAVAILABLE | OFF | CONNECTING | ON | DISCONNECTING
 *   SERVICE_UNAVAILABLE ◀──socket gone / refused── every signed-in state
 *   OFF ──toggle on──▶ CONNECTING ──started──▶ ON ──toggle off──▶ DISCONNECTING ──▶ OFF
 *                       └──failed──▶ ERROR ──toggle on──▶ CONNECTING
 *   every state ──sign out──▶ SIGNED_OUT
 * </pre>
 *
 * ERROR is only reachable while signed in; OFF never goes straight to DISCONNECTING.
 */
public enum AppState {
  /** No deployment and token stored: the sign-in window is what the user needs. */
  SIGNED_OUT,
  /** The service's socket is missing, refusing us, or went away; we keep retrying. */
  SERVICE_UNAVAILABLE,
  /** Signed in, CoderVPN is off. */
  OFF,
  /** CoderVPN is starting; the detail is the progress text. */
  CONNECTING,
  /** CoderVPN is on; the detail may carry a service warning (e.g. DNS). */
  ON,
  /** CoderVPN is stopping. */
  DISCONNECTING,
  /** The last start or stop failed; the detail is the service's message. */
  ERROR;

  /** The states this one may change to, besides itself. */
  public Set<AppState> next() {
    return switch (this) {
      case SIGNED_OUT -> EnumSet.of(SERVICE_UNAVAILABLE, OFF, CONNECTING, ON, DISCONNECTING);
      case SERVICE_UNAVAILABLE -> EnumSet.of(SIGNED_OUT, OFF, CONNECTING, ON, DISCONNECTING, ERROR);
      case OFF -> EnumSet.of(SIGNED_OUT, SERVICE_UNAVAILABLE, CONNECTING, ON, ERROR);
      case CONNECTING -> EnumSet.of(SIGNED_OUT, SERVICE_UNAVAILABLE, OFF, ON, DISCONNECTING, ERROR);
      case ON -> EnumSet.of(SIGNED_OUT, SERVICE_UNAVAILABLE, OFF, CONNECTING, DISCONNECTING, ERROR);
      case DISCONNECTING -> EnumSet.of(SIGNED_OUT, SERVICE_UNAVAILABLE, OFF, CONNECTING, ERROR);
      case ERROR -> EnumSet.of(SIGNED_OUT, SERVICE_UNAVAILABLE, OFF, CONNECTING, ON);
    };
  }

  /** Whether the VPN toggle shows as on. */
  public boolean toggleOn() {
    return this == CONNECTING || this == ON;
  }

  /** Whether the user can flip the toggle now. */
  public boolean toggleEnabled() {
    return this == OFF || this == ON || this == ERROR;
  }
}
