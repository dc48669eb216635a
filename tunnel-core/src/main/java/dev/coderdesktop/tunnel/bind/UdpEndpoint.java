// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.bind;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A UDP address, IPv4 or IPv6. */
public record UdpEndpoint(InetSocketAddress address) implements Endpoint {

  /** Validates the address is resolved. */
  public UdpEndpoint {
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("unresolved endpoint " + address.getHostString());
    }
  }

  @Override
  public byte[] addressBytes() {
    byte[] ip = address.getAddress().getAddress();
    byte[] out = java.util.Arrays.copyOf(ip, ip.length + 2);
    out[ip.length] = (byte) address.getPort();
    out[ip.length + 1] = (byte) (address.getPort() >>> 8);
    return out;
  }

  @Override
  public String toString() {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
