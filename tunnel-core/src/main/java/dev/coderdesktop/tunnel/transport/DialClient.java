// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.transport;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The JDK HTTP client a connection's websocket dials share: made on the first dial, kept for the
 * redials, replaced if it ended by itself (its selector thread failed), and shut down for good by
 * {@link #close()}. One client per dial would leave a selector thread behind each until a garbage
 * collection found it. Thread-safe.
 */
public final class DialClient implements AutoCloseable {

  private final NetPolicy policy;
  private final Duration connectTimeout;
  // Guarded by this.
  private HttpClient client;
  private boolean closed;

  /** Clients as {@code policy} builds them, with {@code connectTimeout}. */
  public DialClient(NetPolicy policy, Duration connectTimeout) {
    this.policy = policy;
    this.connectTimeout = connectTimeout;
  }

  /** The client for the next dial; after {@link #close()}, an {@link IOException}. */
  public synchronized HttpClient get() throws IOException {
    if (closed) {
      throw new IOException("closed");
    }
    if (client == null || client.isTerminated()) {
      client = policy.httpClient(connectTimeout);
    }
    return client;
  }

  /** Shuts the client down (a dial in progress fails); no client is made after. */
  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.shutdownNow();
      client = null;
    }
  }
}
