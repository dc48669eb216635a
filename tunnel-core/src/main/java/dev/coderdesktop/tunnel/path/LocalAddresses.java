// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * The host's own addresses that a peer on the same network could reach us at: those of interfaces
 * that are up, without link-local addresses and without the tailnet's own ranges (our TUN device's
 * address must never become a path for the tunnel itself). When a host has nothing but loopback,
 * loopback is used, as the tailnet's clients do, so that peers on one machine still meet directly.
 * Stateless; safe from any thread.
 */
public final class LocalAddresses implements Supplier<List<InetAddress>> {

  @Override
  public List<InetAddress> get() {
    List<InetAddress> regular = new ArrayList<>();
    List<InetAddress> loopback = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp()) {
          continue;
        }
        for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
          InetAddress a = ia.getAddress();
          if (a.isLoopbackAddress()) {
            loopback.add(a);
          } else if (usable(a)) {
            regular.add(a);
          }
        }
      }
    } catch (SocketException e) {
      return List.of();
    }
    return List.copyOf(regular.isEmpty() ? loopback : regular);
  }

  /** Whether {@code a} may be advertised: not link-local, multicast, any, or a tailnet address. */
  static boolean usable(InetAddress a) {
    if (a.isLinkLocalAddress() || a.isMulticastAddress() || a.isAnyLocalAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return !((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64); // 100.64.0.0/10
    }
    if (a instanceof Inet6Address) {
      boolean tailscale = (b[0] & 0xff) == 0xfd && b[1] == 0x7a && b[2] == 0x11 && b[3] == 0x5c;
      boolean coder = (b[0] & 0xff) == 0xfd && b[1] == 0x60 && b[2] == 0x62 && b[3] == 0x7a;
      return !tailscale && !coder;
    }
    return false;
  }
}
