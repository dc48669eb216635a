// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code .coder} resolver: answers AAAA queries for the agents' names from an atomically
 * swapped {@link HostTable} (TTL 2 s), NODATA for other types of known names, NXDOMAIN for unknown
 * names under the suffix, and REFUSED for everything else. Malformed queries get FORMERR or are
 * dropped, and never stop the loop. Thread-safe; one named thread serves.
 */
public final class DnsShim implements Closeable {

  private static final Logger LOG = Logger.getLogger(DnsShim.class.getName());

  /** TTL of every answer: short, so stopped workspaces vanish quickly. */
  public static final int TTL_SECONDS = 2;

  private static final byte[][] NONE = new byte[0][];

  private final DatagramChannel channel;
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private volatile HostTable table;
  private final Thread thread;

  /** Binds to {@code address} and starts serving {@code initial}. */
  public DnsShim(InetSocketAddress address, HostTable initial) throws IOException {
    this.table = initial;
    this.channel = DatagramChannel.open();
    channel.bind(address);
    this.thread = Thread.ofPlatform().name("dns-shim").daemon().start(this::serve);
  }

  /** The bound address (useful with port 0). */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /** Replaces the names; the next query sees the new table. */
  public void setTable(HostTable t) {
    table = t;
  }

  /** Queries answered (including errors). */
  public long answered() {
    return answered.get();
  }

  /** Queries that could not be parsed. */
  public long malformed() {
    return malformed.get();
  }

  private void serve() {
    byte[] in = new byte[1500];
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
      int n = answer(in, inBuf.position(), out);
      if (n > 0) {
        try {
          channel.send(ByteBuffer.wrap(out, 0, n), from);
          answered.incrementAndGet();
        } catch (IOException e) {
          LOG.log(Level.FINE, "DNS send failed", e);
        }
      }
    }
  }

  /** Builds the response to {@code query[0, len)} in {@code out}; 0 means drop. */
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
      return q.writeResponse(query, DnsMessage.REFUSED, NONE, TTL_SECONDS, out);
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
    thread.interrupt();
  }
}
