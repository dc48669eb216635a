// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.service;

import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.vpn.proto.ServiceClient;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.StopResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The tray app's long-lived connection to the service's socket. It connects, asks for the status,
 * and from then on relays broadcasts; when the socket is missing or refuses us, or the service goes
 * away (stopped, restarted), it reports the service unavailable and tries again after {@code
 * retry}, for as long as it is open.
 *
 * <p>Thread-safe. {@link #start} and {@link #stop} block: call them from a worker.
 */
public final class ServiceConnection implements ServiceCommands, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ServiceConnection.class.getName());

  private final Path socket;
  private final Workers workers;
  private final Duration retry;
  // Set once by open(), before the first connect; read on worker and socket threads.
  private volatile ServiceListener listener;

  // Guarded by this.
  private ServiceClient client;
  private boolean closed;
  private long generation;

  /** A connection to {@code socket}, not yet open; reconnects run on {@code workers}. */
  public ServiceConnection(Path socket, Workers workers, Duration retry) {
    this.socket = socket;
    this.workers = workers;
    this.retry = retry;
  }

  /**
   * Starts connecting in the background and reports to {@code listener} from then on. The listener
   * comes here, not to the constructor, because it is usually the view model that sends its
   * commands through this connection.
   */
  public void open(ServiceListener listener) {
    this.listener = listener;
    workers.execute(this::connect);
  }

  private void connect() {
    long gen;
    synchronized (this) {
      if (closed || client != null) {
        return;
      }
      gen = ++generation;
    }
    ServiceClient c;
    try {
      c = ServiceClient.connect(socket, listener::onStatus, e -> lost(gen, e));
    } catch (IOException e) {
      listener.onUnavailable(e.getMessage());
      workers.schedule(this::connect, retry);
      return;
    }
    synchronized (this) {
      if (closed) {
        closeQuietly(c);
        return;
      }
      client = c;
    }
    LOG.info("connected to the service at " + socket);
    try {
      listener.onStatus(c.status());
    } catch (IOException e) {
      // The connection's close handler reports it and reconnects.
      LOG.info("status after connecting failed: " + e.getMessage());
    }
  }

  private void lost(long gen, Throwable why) {
    synchronized (this) {
      if (gen != generation || closed) {
        return;
      }
      client = null;
    }
    LOG.info("lost the service connection: " + why.getMessage());
    listener.onUnavailable("The Coder Desktop service went away (" + why.getMessage() + ").");
    workers.schedule(this::connect, retry);
  }

  @Override
  public StartResponse start(String url, String token, Map<String, String> headers)
      throws IOException {
    // A stored http:// URL to another machine passed sign-in only with the user's consent.
    return current().start(url, token, headers, false, url.startsWith("http://"));
  }

  @Override
  public StopResponse stop() throws IOException {
    return current().stop();
  }

  private synchronized ServiceClient current() throws IOException {
    if (client == null) {
      throw new IOException("not connected to the Coder Desktop service at " + socket);
    }
    return client;
  }

  /** Whether a connection is up now. */
  public synchronized boolean connected() {
    return client != null;
  }

  @Override
  public void close() {
    ServiceClient c;
    synchronized (this) {
      closed = true;
      c = client;
      client = null;
    }
    if (c != null) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(ServiceClient c) {
    try {
      c.close();
    } catch (IOException e) {
      LOG.fine("close failed: " + e.getMessage());
    }
  }
}
