// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import dev.coderdesktop.tunnel.bind.Bind;
import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.bind.UdpEndpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.derp.DerpEndpoint;
import dev.coderdesktop.tunnel.linux.UdpBatchSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * WireGuard's transport when direct paths are on: a peer is addressed by its node key (a {@link
 * DerpEndpoint}), and each packet to it goes to its confirmed direct address when {@link
 * DirectPaths} has one, else through the relay (also when the UDP send fails).
 *
 * <p>Its sources are the relay's and one per UDP socket, as magicsock's receive functions are. The
 * device thread that drains a socket sorts what it reads in place: STUN and disco go to their
 * handlers (copied, they are rare), WireGuard stays in the device's buffers. A WireGuard datagram
 * from an address a peer's disco answered at is reported as coming from that peer's node key, so
 * WireGuard's roaming never pins a peer to an address behind the path layer's back; one from any
 * other address keeps its UDP source.
 *
 * <p>Thread-safe: one thread drains each source while others send.
 */
public final class PathBind implements Bind {

  private static final Logger LOG = Logger.getLogger(PathBind.class.getName());

  private final Bind relay;
  private final Datagrams udp;
  private final DirectPaths paths;
  private final BiConsumer<InetSocketAddress, byte[]> stun;
  private final BiConsumer<InetSocketAddress, byte[]> disco;
  private final AtomicLong directSent = new AtomicLong();
  private final AtomicLong directReceived = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param relay the DERP transport
   * @param udp the shared UDP sockets
   * @param paths the per-peer path decisions
   * @param stun gets the STUN datagrams the sockets receive (a copy each)
   * @param disco gets the disco datagrams the sockets receive (a copy each)
   */
  public PathBind(
      Bind relay,
      Datagrams udp,
      DirectPaths paths,
      BiConsumer<InetSocketAddress, byte[]> stun,
      BiConsumer<InetSocketAddress, byte[]> disco) {
    this.relay = relay;
    this.udp = udp;
    this.paths = paths;
    this.stun = stun;
    this.disco = disco;
  }

  /** The relay's sources, then one per UDP socket. */
  @Override
  public List<Source> sources() {
    List<Source> out = new ArrayList<>(relay.sources());
    for (Datagrams.Reader r : udp.readers()) {
      out.add(new SocketSource(r));
    }
    return out;
  }

  /** One UDP socket as WireGuard sees it; its state belongs to the one thread that drains it. */
  private final class SocketSource implements Source {
    private final Datagrams.Reader reader;
    private final InetSocketAddress[] sources = new InetSocketAddress[UdpBatchSocket.BATCH];
    // The endpoint of the peer the last batch came from, kept while the peer stays the same.
    private Key lastPeer;
    private Endpoint lastPeerEndpoint;

    SocketSource(Datagrams.Reader reader) {
      this.reader = reader;
    }

    @Override
    public int receive(byte[][] bufs, int[] sizes, Endpoint[] from) throws IOException {
      while (true) {
        int n;
        try {
          n = reader.read(bufs, sizes, sources);
        } catch (ClosedChannelException e) {
          throw e;
        } catch (IOException e) {
          if (closed) {
            throw new ClosedChannelException();
          }
          // An ICMP error surfaced on the socket (port unreachable); the socket itself is fine.
          LOG.fine(() -> "UDP receive: " + e.getMessage());
          continue;
        }
        int kept = sort(bufs, sizes, from, n);
        if (kept > 0) {
          directReceived.addAndGet(kept);
          return kept;
        }
      }
    }

    /**
     * Hands STUN and disco datagrams to their handlers and moves the WireGuard ones, with their
     * endpoints, to the front of the arrays (swapping buffers, so nothing is copied); returns how
     * many WireGuard datagrams there are.
     */
    private int sort(byte[][] bufs, int[] sizes, Endpoint[] from, int n) {
      int kept = 0;
      InetSocketAddress lastSource = null;
      Endpoint lastEndpoint = null;
      for (int i = 0; i < n; i++) {
        byte[] b = bufs[i];
        int len = sizes[i];
        InetSocketAddress source = sources[i];
        switch (DatagramKind.of(b, len)) {
          case STUN -> hand(stun, source, Arrays.copyOf(b, len));
          case DISCO -> {
            hand(disco, source, Arrays.copyOf(b, len));
            lastSource = null; // a ping may have just tied this address to a peer
          }
          case WIREGUARD -> {
            if (kept != i) {
              bufs[i] = bufs[kept];
              bufs[kept] = b;
              sizes[kept] = len;
            }
            // A batch mostly comes from one address: look its peer up once.
            if (source != lastSource) {
              lastSource = source;
              lastEndpoint = endpointAt(source);
            }
            from[kept++] = lastEndpoint;
          }
        }
      }
      return kept;
    }

    /** The peer's node key when its disco answered at {@code source}, else the address. */
    private Endpoint endpointAt(InetSocketAddress source) {
      Key peer = paths.peerAt(source);
      if (peer == null) {
        return new UdpEndpoint(source);
      }
      if (!peer.equals(lastPeer)) {
        lastPeer = peer;
        lastPeerEndpoint = new DerpEndpoint(peer);
      }
      return lastPeerEndpoint;
    }
  }

  private static void hand(
      BiConsumer<InetSocketAddress, byte[]> handler, InetSocketAddress from, byte[] data) {
    try {
      handler.accept(from, data);
    } catch (RuntimeException e) {
      LOG.warning("dropping a datagram whose handling failed: " + e);
    }
  }

  @Override
  public void send(ByteBuffer src, Endpoint to) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    switch (to) {
      case DerpEndpoint d -> {
        paths.noteSend(d.nodeKey());
        InetSocketAddress direct = paths.directAddress(d.nodeKey());
        if (direct != null && sendUdp(src, direct)) {
          directSent.incrementAndGet();
          return;
        }
        relay.send(src, to);
      }
      case UdpEndpoint u -> {
        if (!sendUdp(src, u.address())) {
          throw new IOException("UDP cannot send to " + u);
        }
      }
      default -> throw new IOException("no transport for " + to);
    }
  }

  /** A run to one peer: straight to its direct address in one call when it has one. */
  @Override
  public void sendBatch(byte[][] bufs, int offset, int[] sizes, int count, Endpoint to)
      throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    if (to instanceof DerpEndpoint d) {
      paths.noteSend(d.nodeKey());
      InetSocketAddress direct = paths.directAddress(d.nodeKey());
      if (direct != null && udp.sendBatch(direct, bufs, offset, sizes, count)) {
        directSent.addAndGet(count);
        return;
      }
    }
    Bind.super.sendBatch(bufs, offset, sizes, count, to);
  }

  private boolean sendUdp(ByteBuffer src, InetSocketAddress to) {
    boolean ok;
    int n = src.remaining();
    if (src.hasArray()) {
      ok = udp.send(to, src.array(), src.arrayOffset() + src.position(), n);
    } else {
      byte[] b = new byte[n];
      src.duplicate().get(b);
      ok = udp.send(to, b, 0, n);
    }
    if (ok) {
      src.position(src.limit());
    }
    return ok;
  }

  /** Packets sent straight to a peer so far. */
  public long directPackets() {
    return directSent.get();
  }

  /** WireGuard packets received over UDP so far. */
  public long directReceived() {
    return directReceived.get();
  }

  @Override
  public int localPort() {
    return udp.port(false);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    // Closing the sockets and the relay is what wakes the device's receive threads.
    try {
      paths.close();
    } finally {
      try {
        udp.close();
      } finally {
        relay.close();
      }
    }
  }
}
