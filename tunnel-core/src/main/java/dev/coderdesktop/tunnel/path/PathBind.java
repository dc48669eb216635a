// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import dev.coderdesktop.tunnel.bind.Bind;
import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.bind.ReceiveQueue;
import dev.coderdesktop.tunnel.bind.UdpEndpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.derp.DerpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * WireGuard's transport when direct paths are on: a peer is addressed by its node key (a {@link
 * DerpEndpoint}), and each packet to it goes to its confirmed direct address when {@link
 * DirectPaths} has one, else through the relay (also when the UDP send fails). Packets come from
 * the relay and from the shared UDP sockets (fed by {@link Demux}); one that arrives directly from
 * an address a peer's disco answered at is reported as coming from that peer's node key, so
 * WireGuard's roaming never pins a peer to an address behind the path layer's back. Datagrams from
 * other addresses keep their UDP source.
 *
 * <p>Thread-safe: one thread receives while others send. A full receive queue drops UDP packets, as
 * a congested link would; the relay's packets wait.
 */
public final class PathBind implements Bind {

  private static final Logger LOG = Logger.getLogger(PathBind.class.getName());
  private static final int QUEUE = 4096;

  private final Bind relay;
  private final Datagrams udp;
  private final DirectPaths paths;
  private final ReceiveQueue queue = new ReceiveQueue(QUEUE);
  private final AtomicLong directSent = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param relay the DERP transport (its receive loop is drained by a thread of ours)
   * @param udp the shared UDP sockets
   * @param paths the per-peer path decisions
   */
  public PathBind(Bind relay, Datagrams udp, DirectPaths paths) {
    this.relay = relay;
    this.udp = udp;
    this.paths = paths;
    Thread.ofPlatform().daemon().name("derp-to-wireguard").start(this::drainRelay);
  }

  private void drainRelay() {
    ByteBuffer buf = ByteBuffer.allocate(65536);
    while (!closed) {
      try {
        buf.clear();
        Endpoint from = relay.receive(buf);
        buf.flip();
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        queue.put(from, b);
      } catch (ClosedChannelException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        LOG.fine(() -> "relay receive: " + e.getMessage());
      }
    }
  }

  /** A WireGuard datagram from the UDP sockets (the {@link Demux}'s third consumer). */
  public void onUdpWireGuard(InetSocketAddress from, byte[] data) {
    Key peer = paths.peerAt(from);
    Endpoint e = peer != null ? new DerpEndpoint(peer) : new UdpEndpoint(from);
    queue.offer(e, data);
  }

  @Override
  public Endpoint receive(ByteBuffer dst) throws IOException {
    return queue.take(dst);
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

  @Override
  public int receiveBatch(byte[][] bufs, int[] sizes, Endpoint[] from) throws IOException {
    return queue.takeBatch(bufs, sizes, from);
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

  /** UDP packets dropped because the receive queue was full. */
  public long droppedPackets() {
    return queue.dropped();
  }

  @Override
  public int localPort() {
    return udp.port(false);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    paths.close();
    udp.close();
    relay.close();
    queue.close();
  }
}
