// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import java.io.IOException;

/** The peer's {@code codervpn} header line was wrong: magic, role, versions, or length. */
public final class HandshakeException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public HandshakeException(String reason) {
    super(reason);
  }
}
