// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Real UDP sockets behind a switch that, when cut, silently drops every datagram in both
 * directions, as a firewall blocking UDP would. Thread-safe.
 */
public final class CuttableDatagrams implements Datagrams {

  private final Datagrams inner;
  private volatile boolean cut;

  /** Wraps {@code inner}; not cut. */
  public CuttableDatagrams(Datagrams inner) {
    this.inner = inner;
  }

  /** Drops every datagram from now on ({@code true}) or lets them through again. */
  public void cut(boolean on) {
    cut = on;
  }

  @Override
  public List<Reader> readers() {
    return inner.readers().stream().map(this::cuttable).toList();
  }

  private Reader cuttable(Reader r) {
    return (bufs, sizes, from) -> {
      int n = r.read(bufs, sizes, from);
      return cut ? 0 : n; // read, then lose them: the firewall sits after the wire
    };
  }

  @Override
  public boolean send(InetSocketAddress to, byte[] b, int off, int len) {
    return cut || inner.send(to, b, off, len); // a firewall drops without telling the sender
  }

  @Override
  public int port(boolean ipv6) {
    return inner.port(ipv6);
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
