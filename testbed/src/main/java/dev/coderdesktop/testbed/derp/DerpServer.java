// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.derp;

import dev.coderdesktop.testbed.http.Acceptor;
import dev.coderdesktop.tunnel.crypto.InvalidSharedSecretException;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpProtocolException;
import dev.coderdesktop.tunnel.derp.Frame;
import dev.coderdesktop.tunnel.derp.FrameType;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.transport.HttpUpgrade;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A DERP relay: clients log in with their node key and the server forwards each SendPacket to the
 * client holding the destination key, as a RecvPacket stamped with the sender's key. When a client
 * leaves, everyone it sent to is told with PeerGone. Used by the tests and the local testbed; it
 * serves a listening socket of its own or connections another HTTP server has accepted.
 *
 * <p>Thread-safe. One named thread per connection; a malformed frame closes only that connection.
 */
public final class DerpServer implements Closeable {

  private static final Logger LOG = Logger.getLogger(DerpServer.class.getName());
  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration KEEPALIVE = Duration.ofSeconds(60);

  private final Key privateKey;
  private final Key publicKey;
  private final Clock clock;
  private final Map<Key, ClientConn> clients = new ConcurrentHashMap<>();
  private final AtomicLong malformed = new AtomicLong();
  private final Acceptor acceptor = new Acceptor("derp", this::serveSocket);
  private volatile boolean closed;
  private volatile Duration pongDelay = Duration.ZERO;

  /** A relay with the given private key. */
  public DerpServer(Key privateKey, Clock clock) {
    this.privateKey = privateKey;
    this.publicKey = X25519.publicKey(privateKey);
    this.clock = clock;
  }

  /** The relay's public key. */
  public Key publicKey() {
    return publicKey;
  }

  /** How many clients are logged in. */
  public int clientCount() {
    return clients.size();
  }

  /**
   * Holds every Pong for {@code delay} (on the server's clock) before sending it, so that tests can
   * give relays different latencies.
   */
  public void setPongDelay(Duration delay) {
    pongDelay = delay;
  }

  /** Connections closed for breaking the protocol. */
  public long malformedConnections() {
    return malformed.get();
  }

  /** Listens on {@code address} and serves HTTP upgrades at {@code /derp}; returns the port. */
  public int listen(InetSocketAddress address) throws IOException {
    ServerSocket ss = new ServerSocket();
    // A restarted relay takes its old port back even while old connections linger in TIME_WAIT.
    try {
      ss.setReuseAddress(true);
      ss.bind(address);
    } catch (IOException e) {
      ss.close();
      throw e;
    }
    acceptor.listen(ss);
    return ss.getLocalPort();
  }

  /** Serves one connection of our own listener, which closes it when this returns. */
  private void serveSocket(Socket s) {
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout((int) LOGIN_TIMEOUT.toMillis());
      InputStream in = new BufferedInputStream(s.getInputStream(), 64 << 10);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 << 10);
      HttpUpgrade head = HttpUpgrade.read(in);
      String upgrade = head.header("upgrade");
      if (!head.startLine().startsWith("GET ")
          || upgrade == null
          || !upgrade.toLowerCase(Locale.ROOT).equals("derp")) {
        out.write(
            "HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return;
      }
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: DERP\r\nConnection: Upgrade\r\n"
                  + "Derp-Version: 2\r\nDerp-Public-Key: "
                  + HexFormat.of().formatHex(publicKey.bytes())
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      serveUpgraded(in, out, s);
    } catch (IOException e) {
      LOG.log(Level.FINE, "DERP connection ended", e);
    }
  }

  /**
   * Runs the DERP protocol on a connection whose HTTP upgrade is already answered. Returns when the
   * connection ends. {@code socket}, if not null, gets the login and idle read timeouts.
   */
  public void serveUpgraded(InputStream rawIn, OutputStream out, Socket socket) throws IOException {
    DataInputStream in = new DataInputStream(rawIn);
    Frame.write(out, FrameType.SERVER_KEY, Frame.MAGIC, publicKey.bytes());
    out.flush();
    ClientConn conn = null;
    try {
      Frame info = Frame.read(in, 256 << 10);
      if (info.type() != FrameType.CLIENT_INFO || info.payload().length < Key.LENGTH + 40) {
        throw new DerpProtocolException("expected ClientInfo");
      }
      Key clientKey = Key.publicKey(Arrays.copyOf(info.payload(), Key.LENGTH));
      String json = openBox(clientKey, info.payload(), Key.LENGTH);
      if (!json.contains("\"version\"")) {
        throw new DerpProtocolException("ClientInfo without a version");
      }
      if (socket != null) {
        socket.setSoTimeout(0);
      }
      conn = new ClientConn(clientKey, out);
      ClientConn previous = clients.put(clientKey, conn);
      if (previous != null) {
        previous.close();
      }
      try {
        conn.write(FrameType.SERVER_INFO, sealBox(clientKey, "{\"version\":2}"));
      } catch (InvalidSharedSecretException e) {
        throw new DerpProtocolException("client key is a low-order point");
      }
      conn.keepAlive = clock.newTimer("derp-keepalive", conn::sendKeepAlive);
      conn.keepAlive.mod(KEEPALIVE);
      readLoop(conn, in);
    } catch (DerpProtocolException e) {
      malformed.incrementAndGet();
      LOG.info("DERP client closed: " + e.getMessage());
    } finally {
      if (conn != null) {
        leave(conn);
      }
    }
  }

  private void readLoop(ClientConn conn, DataInputStream in) throws IOException {
    while (!closed) {
      Frame f = Frame.read(in, Frame.MAX_FRAME);
      byte[] p = f.payload();
      switch (f.type()) {
        case FrameType.SEND_PACKET -> {
          if (p.length < Key.LENGTH || p.length - Key.LENGTH > Frame.MAX_PACKET) {
            throw new DerpProtocolException("bad SendPacket length " + p.length);
          }
          Key dst = Key.publicKey(Arrays.copyOf(p, Key.LENGTH));
          ClientConn to = clients.get(dst);
          if (to == null) {
            continue;
          }
          conn.sentTo.add(dst);
          to.write(
              FrameType.RECV_PACKET, conn.key.bytes(), Arrays.copyOfRange(p, Key.LENGTH, p.length));
        }
        case FrameType.PING -> {
          if (p.length != 8) {
            throw new DerpProtocolException("Ping must carry 8 bytes");
          }
          Duration delay = pongDelay;
          if (delay.isZero()) {
            conn.write(FrameType.PONG, p);
          } else {
            clock.newTimer("derp-pong", () -> conn.write(FrameType.PONG, p)).mod(delay);
          }
        }
        default -> {
          // NotePreferred, Pong and unknown frames need no action.
        }
      }
    }
  }

  private void leave(ClientConn conn) {
    if (conn.keepAlive != null) {
      conn.keepAlive.cancel();
    }
    if (!clients.remove(conn.key, conn)) {
      return;
    }
    for (Key peer : conn.sentTo) {
      ClientConn other = clients.get(peer);
      if (other != null) {
        other.write(FrameType.PEER_GONE, conn.key.bytes(), new byte[] {0});
      }
    }
  }

  private String openBox(Key sender, byte[] payload, int offset) throws DerpProtocolException {
    byte[] nonce = Arrays.copyOfRange(payload, offset, offset + 24);
    byte[] box = Arrays.copyOfRange(payload, offset + 24, payload.length);
    try {
      byte[] json = dev.coderdesktop.tunnel.crypto.NaclBox.open(privateKey, sender, nonce, box);
      if (json == null) {
        throw new DerpProtocolException("ClientInfo box does not authenticate");
      }
      return new String(json, StandardCharsets.UTF_8);
    } catch (InvalidSharedSecretException e) {
      throw new DerpProtocolException("client key is a low-order point");
    }
  }

  private byte[] sealBox(Key recipient, String json) throws InvalidSharedSecretException {
    byte[] nonce = new byte[24];
    new java.security.SecureRandom().nextBytes(nonce);
    byte[] box =
        dev.coderdesktop.tunnel.crypto.NaclBox.seal(
            privateKey, recipient, nonce, json.getBytes(StandardCharsets.UTF_8));
    byte[] out = Arrays.copyOf(nonce, 24 + box.length);
    System.arraycopy(box, 0, out, 24, box.length);
    return out;
  }

  /**
   * Cuts every client connection (a relay restart, for fault tests); clients log in again and the
   * relay keeps its key, as a restarted one does.
   */
  public void dropClients() {
    for (ClientConn c : clients.values()) {
      c.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    acceptor.close();
    dropClients();
    clients.clear();
  }

  /** One logged-in client; writes are serialised on the connection. */
  private static final class ClientConn {
    final Key key;
    final OutputStream out;
    final java.util.Set<Key> sentTo = ConcurrentHashMap.newKeySet();
    volatile dev.coderdesktop.tunnel.time.Timer keepAlive;

    ClientConn(Key key, OutputStream out) {
      this.key = key;
      this.out = out;
    }

    synchronized void write(int type, byte[]... parts) {
      try {
        Frame.write(out, type, parts);
        out.flush();
      } catch (IOException e) {
        LOG.log(Level.FINE, "DERP write to client failed", e);
      }
    }

    void sendKeepAlive() {
      write(FrameType.KEEP_ALIVE);
      keepAlive.mod(KEEPALIVE);
    }

    void close() {
      try {
        out.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "close failed", e);
      }
    }
  }
}
