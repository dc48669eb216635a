// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.drpc;

import java.io.IOException;

/** An RPC failed: the server sent an Error packet, or the stream broke the protocol. */
public final class DrpcException extends IOException {
  private static final long serialVersionUID = 1L;

  /** dRPC's code for an unimplemented method. */
  public static final long UNIMPLEMENTED = 12;

  private final long code;

  /** Creates the exception with the server's code (0 when none) and message. */
  public DrpcException(long code, String message) {
    super(message);
    this.code = code;
  }

  /** The error code (0 when none was given). */
  public long code() {
    return code;
  }

  /** Whether the server does not offer the method (unknown or unimplemented). */
  public boolean isUnimplemented() {
    return code == UNIMPLEMENTED || getMessage().contains("unknown rpc");
  }
}
