// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.http;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The accept loop of a server's listening socket: each connection is served on a platform thread of
 * its own (the testbed's connections are few and long-lived) and closed when its handler returns.
 * The open connections are kept, so that a simulated restart can cut them, and a restart may listen
 * again on a new socket.
 *
 * <p>Thread-safe. {@link #close()} stops listening and ends the loop quietly; an accept that fails
 * while listening is logged, and ends the loop too.
 */
public final class Acceptor implements Closeable {

  private static final Logger LOG = Logger.getLogger(Acceptor.class.getName());

  private final String name;
  private final Consumer<Socket> serve;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  // The socket being accepted on; null before listening and after closing. A loop whose socket is
  // no longer this one has been stopped and ends without a warning.
  private volatile ServerSocket listener;

  /**
   * Serves connections with {@code serve}; the accept thread is called {@code name-accept}, the
   * connections' threads {@code name}.
   */
  public Acceptor(String name, Consumer<Socket> serve) {
    this.name = name;
    this.serve = serve;
  }

  /** Accepts on {@code bound} from now on, in place of the socket it listened on before. */
  public void listen(ServerSocket bound) {
    close();
    listener = bound;
    Thread.ofPlatform().name(name + "-accept").daemon().start(() -> acceptLoop(bound));
  }

  /** The address it listens on, or null when it does not listen. */
  public InetSocketAddress address() {
    ServerSocket ss = listener;
    return ss == null ? null : (InetSocketAddress) ss.getLocalSocketAddress();
  }

  private void acceptLoop(ServerSocket ss) {
    while (listener == ss) {
      Socket s;
      try {
        s = ss.accept();
      } catch (IOException e) {
        if (listener == ss) {
          LOG.log(Level.WARNING, name + ": accept failed", e);
        }
        return;
      }
      open.add(s);
      Thread.ofPlatform().name(name).daemon().start(() -> serveAndClose(s));
    }
  }

  private void serveAndClose(Socket s) {
    try {
      serve.accept(s);
    } finally {
      open.remove(s);
      closeQuietly(s);
    }
  }

  /** Cuts every connection accepted here that is still open (a restart, for fault tests). */
  public void dropConnections() {
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  /** Stops listening; connections already accepted go on. */
  @Override
  public void close() {
    ServerSocket ss = listener;
    listener = null;
    if (ss != null) {
      closeQuietly(ss);
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "close failed", e);
    }
  }
}
