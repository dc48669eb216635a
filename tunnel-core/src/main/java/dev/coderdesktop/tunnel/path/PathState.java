// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

/** Where a peer's packets go; see {@link PeerPath} for the transitions. */
public enum PathState {
  /** Through the DERP relay; no direct address is confirmed and no probe is out. */
  RELAYED,
  /** Through the DERP relay while disco pings to the peer's candidate endpoints are out. */
  PROBING,
  /** Straight to a confirmed UDP address of the peer. */
  DIRECT,
  /** The peer is gone; terminal. */
  CLOSED
}
