// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the DNS shim alone on loopback for benchmarks: {@code DnsShimMain PORT NAME...}; every name
 * (under {@code .coder}) gets one address. Prints {@code ready} and serves until terminated.
 */
public final class DnsShimMain {

  private DnsShimMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Map<String, List<java.net.Inet6Address>> names = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      names.put(
          args[i],
          List.of(
              (java.net.Inet6Address)
                  InetAddress.getByName("fd60:627a:a42b::" + Integer.toHexString(i))));
    }
    try (DnsShim shim =
        new DnsShim(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            HostTable.of("coder", names))) {
      System.out.println("ready " + shim.localAddress().getPort());
      new CountDownLatch(1).await();
    }
  }
}
