// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import java.io.IOException;

/** The peer broke the DERP protocol: bad magic, an oversized or truncated frame, a bad box. */
public final class DerpProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a reason suitable for a log line. */
  public DerpProtocolException(String reason) {
    super(reason);
  }
}
