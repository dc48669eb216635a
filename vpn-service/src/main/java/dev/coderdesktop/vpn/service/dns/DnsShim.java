// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code .coder} resolver, on UDP and TCP port 53 of one address: answers AAAA queries for the
 * agents' names from an atomically swapped {@link HostTable} (TTL 2 s), NODATA for other types of
 * known names, NXDOMAIN for unknown names under the suffix. Every other name is forwarded verbatim
 * to the upstream servers when there are some ({@link #setUpstreams}, the "direct" and resolvconf
 * setups), or REFUSED when the system resolver only sends the suffix here (split DNS). Malformed
 * queries get FORMERR or are dropped, and never stop the loop.
 *
 * <p>Thread-safe. One named thread serves UDP; forwarded queries and TCP connections run on virtual
 * threads, at most {@value #MAX_IN_FLIGHT} forwarded queries at once (more get SERVFAIL).
 */
public final class DnsShim implements Closeable {

  private static final Logger LOG = Logger.getLogger(DnsShim.class.getName());

  /** TTL of every answer: short, so stopped workspaces vanish quickly. */
  public static final int TTL_SECONDS = 2;

  /** How long one upstream server gets to answer before the next is asked. */
  public static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(2);

  private static final int MAX_IN_FLIGHT = 256;
  private static final byte[][] NONE = new byte[0][];

  /** What {@link #answer} returns when the query is for the upstream servers. */
  static final int FORWARD = -1;

  private final DatagramChannel channel;
  private final DnsTcpServer tcp;
  private final ExecutorService forwarding =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dns-forward-", 0).factory());
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private volatile HostTable table;
  private volatile DnsForwarder forwarder;
  private final Thread thread;

  /** Binds UDP and TCP on {@code address} and starts serving {@code initial}. */
  public DnsShim(InetSocketAddress address, HostTable initial) throws IOException {
    this.table = initial;
    Sockets bound = Sockets.bind(address, this::respondTcp);
    this.channel = bound.udp();
    this.tcp = bound.tcp();
    this.thread = Thread.ofPlatform().name("dns-shim").daemon().start(this::serve);
  }

  /** The UDP and TCP sockets of one port. */
  private record Sockets(DatagramChannel udp, DnsTcpServer tcp) {
    private static final int PICK_PORT_ATTEMPTS = 10;

    /**
     * Binds both on {@code address}. With port 0 the system picks a UDP port whose number TCP may
     * not have free; then another is picked.
     */
    static Sockets bind(InetSocketAddress address, UnaryOperator<byte[]> tcpResponder)
        throws IOException {
      for (int attempt = 1; ; attempt++) {
        DatagramChannel udp = DatagramChannel.open();
        try {
          udp.bind(address);
          return new Sockets(
              udp, new DnsTcpServer((InetSocketAddress) udp.getLocalAddress(), tcpResponder));
        } catch (BindException e) {
          udp.close();
          if (address.getPort() != 0 || attempt == PICK_PORT_ATTEMPTS) {
            throw e;
          }
        } catch (IOException e) {
          udp.close();
          throw e;
        }
      }
    }
  }

  /** The bound address (useful with port 0; TCP uses the same port). */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /** Replaces the names; the next query sees the new table. */
  public void setTable(HostTable t) {
    table = t;
  }

  /** Forwards names outside the suffix to {@code servers}; empty refuses them instead. */
  public void setUpstreams(List<InetSocketAddress> servers) {
    forwarder = servers.isEmpty() ? null : new DnsForwarder(servers, UPSTREAM_TIMEOUT);
  }

  /** Queries answered (including errors and forwarded replies). */
  public long answered() {
    return answered.get();
  }

  /** Queries that could not be parsed. */
  public long malformed() {
    return malformed.get();
  }

  private void serve() {
    byte[] in = new byte[65_535];
    byte[] out = new byte[1500];
    ByteBuffer inBuf = ByteBuffer.wrap(in);
    while (true) {
      SocketAddress from;
      try {
        inBuf.clear();
        from = channel.receive(inBuf);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.log(Level.WARNING, "DNS receive failed", e);
        continue;
      }
      int len = inBuf.position();
      int n = answer(in, len, out);
      if (n == FORWARD) {
        forwardUdp(Arrays.copyOf(in, len), from);
      } else if (n > 0) {
        send(ByteBuffer.wrap(out, 0, n), from);
      }
    }
  }

  private void forwardUdp(byte[] query, SocketAddress from) {
    DnsForwarder f = forwarder;
    if (f == null || !inFlight.tryAcquire()) {
      send(ByteBuffer.wrap(servfail(query)), from);
      return;
    }
    forwarding.execute(
        () -> {
          try {
            byte[] reply = f.udp(query);
            send(ByteBuffer.wrap(reply != null ? reply : servfail(query)), from);
          } finally {
            inFlight.release();
          }
        });
  }

  private void send(ByteBuffer reply, SocketAddress to) {
    try {
      channel.send(reply, to);
      answered.incrementAndGet();
    } catch (IOException e) {
      LOG.log(Level.FINE, "DNS send failed", e);
    }
  }

  /** The reply to one query that came over TCP, or null to close the connection. */
  private byte[] respondTcp(byte[] query) {
    byte[] out = new byte[1500];
    int n = answer(query, query.length, out);
    if (n == 0) {
      return null;
    }
    answered.incrementAndGet();
    if (n != FORWARD) {
      return Arrays.copyOf(out, n);
    }
    DnsForwarder f = forwarder;
    byte[] reply = f == null ? null : f.tcp(query);
    return reply != null ? reply : servfail(query);
  }

  private static byte[] servfail(byte[] query) {
    byte[] out = new byte[DnsMessage.HEADER];
    int id = ((query[0] & 0xff) << 8) | (query[1] & 0xff);
    return Arrays.copyOf(out, DnsMessage.writeError(id, DnsMessage.SERVFAIL, out));
  }

  /**
   * Builds the response to {@code query[0, len)} in {@code out}: its length, 0 to drop it, or
   * {@link #FORWARD} when it belongs to the upstream servers.
   */
  int answer(byte[] query, int len, byte[] out) {
    DnsMessage q;
    try {
      q = DnsMessage.parseQuery(query, len);
    } catch (DnsMessage.MalformedException e) {
      malformed.incrementAndGet();
      return e.id() < 0 ? 0 : DnsMessage.writeError(e.id(), DnsMessage.FORMERR, out);
    }
    HostTable t = table;
    if (q.qclass() != DnsMessage.CLASS_IN || !t.inZone(q.name())) {
      return forwarder != null
          ? FORWARD
          : q.writeResponse(query, DnsMessage.REFUSED, NONE, TTL_SECONDS, out);
    }
    byte[][] addrs = t.lookup(q.name());
    if (addrs == null) {
      return q.writeResponse(query, DnsMessage.NXDOMAIN, NONE, TTL_SECONDS, out);
    }
    return q.writeResponse(
        query,
        DnsMessage.NOERROR,
        q.type() == DnsMessage.TYPE_AAAA ? addrs : NONE,
        TTL_SECONDS,
        out);
  }

  @Override
  public void close() throws IOException {
    channel.close();
    tcp.close();
    forwarding.shutdownNow();
    thread.interrupt();
  }
}
