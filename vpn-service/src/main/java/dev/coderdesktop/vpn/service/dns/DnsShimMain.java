// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Runs the DNS shim alone on loopback for benchmarks: {@code DnsShimMain PORT NAME...}; every name
 * (under {@code .coder}) gets one address. Prints {@code ready} and serves until terminated.
 */
@Command(
    name = "DnsShimMain",
    mixinStandardHelpOptions = true,
    description = "The DNS shim alone on loopback, for benchmarks.")
public final class DnsShimMain implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PORT", description = "The UDP and TCP port (0: any).")
  int port;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME", description = "Names to serve.")
  List<String> hostNames = new ArrayList<>();

  private DnsShimMain() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DnsShimMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Map<String, List<java.net.Inet6Address>> names = new HashMap<>();
    for (int i = 0; i < hostNames.size(); i++) {
      names.put(
          hostNames.get(i),
          List.of(
              (java.net.Inet6Address)
                  InetAddress.getByName("fd60:627a:a42b::" + Integer.toHexString(i + 1))));
    }
    try (DnsShim shim =
        new DnsShim(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            HostTable.of("coder", names))) {
      System.out.println("ready " + shim.localAddress().getPort());
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
