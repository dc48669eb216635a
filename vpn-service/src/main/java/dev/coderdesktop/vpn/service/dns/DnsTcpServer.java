// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DNS over TCP (RFC 1035 4.2.2, RFC 7766): each message behind a two-byte length, several per
 * connection, answered in order. Clients come here after a truncated UDP reply. A connection idle
 * for {@value #IDLE_MILLIS} ms is closed. Thread-safe; one accept thread, a virtual thread per
 * connection.
 */
final class DnsTcpServer implements Closeable {

  private static final Logger LOG = Logger.getLogger(DnsTcpServer.class.getName());
  private static final int IDLE_MILLIS = 10_000;

  private final ServerSocket server;
  private final UnaryOperator<byte[]> responder;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  /** Listens on {@code address}; {@code responder} maps a query to its reply (null closes). */
  DnsTcpServer(InetSocketAddress address, UnaryOperator<byte[]> responder) throws IOException {
    this.responder = responder;
    this.server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(address);
    } catch (IOException e) {
      // The shim may try another port: leave no socket behind.
      server.close();
      throw e;
    }
    Thread.ofPlatform().name("dns-shim-tcp").daemon().start(this::accept);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        Thread.ofVirtual().name("dns-tcp-conn").start(() -> serve(s));
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.log(Level.FINE, "DNS TCP accept failed", e);
        }
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(IDLE_MILLIS);
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (true) {
        int len = in.readUnsignedShort();
        byte[] query = new byte[len];
        in.readFully(query);
        byte[] reply = responder.apply(query);
        if (reply == null) {
          return;
        }
        out.writeShort(reply.length);
        out.write(reply);
        out.flush();
      }
    } catch (EOFException | SocketException e) {
      // The client is done, or we are closing.
    } catch (IOException e) {
      LOG.log(Level.FINE, "DNS TCP connection ended", e);
    } finally {
      open.remove(s);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
