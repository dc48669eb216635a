// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte stream to the control server (in production a websocket to {@code /api/v2/tailnet}).
 * Immutable.
 *
 * @param in bytes from the server
 * @param out bytes to the server
 * @param closer ends the connection
 */
public record ControlConnection(InputStream in, OutputStream out, Closeable closer)
    implements Closeable {

  @Override
  public void close() throws IOException {
    closer.close();
  }

  /** Opens a connection, passing the last resume token (null on the first dial). */
  @FunctionalInterface
  public interface Dialer {
    /** Dials the server. */
    ControlConnection dial(String resumeToken) throws IOException;

    /**
     * Lets go of what dialling keeps between dials (an HTTP client and its selector thread); no
     * dial follows. Nothing to do by default.
     */
    default void release() {}
  }
}
