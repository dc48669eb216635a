// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Builds minimal IPv4/IPv6 packets for tests. */
final class Packets {

  private Packets() {}

  static byte[] ipv4(String src, String dst, byte[] payload) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length));
    b.putShort((short) 0).putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0);
    b.put(InetAddress.getByName(src).getAddress()).put(InetAddress.getByName(dst).getAddress());
    b.put(payload);
    return b.array();
  }

  static byte[] ipv6(String src, String dst, byte[] payload) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
    b.putInt(0x60000000).putShort((short) payload.length).put((byte) 17).put((byte) 64);
    b.put(InetAddress.getByName(src).getAddress()).put(InetAddress.getByName(dst).getAddress());
    b.put(payload);
    return b.array();
  }
}
