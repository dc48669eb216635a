// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.netmon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Datagrams laid out as the kernel sends them (netlink header, family header, attributes). */
class RtnetlinkParserTest {

  /** A netlink message of {@code type} whose body is {@code body}. */
  static byte[] message(int type, byte[] body) {
    ByteBuffer b =
        ByteBuffer.allocate(16 + ((body.length + 3) & ~3)).order(ByteOrder.nativeOrder());
    b.putInt(16 + body.length).putShort((short) type).putShort((short) 0).putInt(0).putInt(0);
    b.put(body);
    return b.array();
  }

  static byte[] link(int index, int flags) {
    return ByteBuffer.allocate(16)
        .order(ByteOrder.nativeOrder())
        .put((byte) 10)
        .put((byte) 0)
        .putShort((short) 1)
        .putInt(index)
        .putInt(flags)
        .putInt(-1)
        .array();
  }

  static byte[] address(int index) {
    return ByteBuffer.allocate(8)
        .order(ByteOrder.nativeOrder())
        .put((byte) 10)
        .put((byte) 64)
        .put((byte) 0)
        .put((byte) 0)
        .putInt(index)
        .array();
  }

  /** An rtmsg with an RTA_TABLE and an RTA_OIF attribute. */
  static byte[] route(int dstLen, int table, int oif) {
    return ByteBuffer.allocate(12 + 8 + 8)
        .order(ByteOrder.nativeOrder())
        .put((byte) 10)
        .put((byte) dstLen)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) (table > 255 ? 252 : table))
        .put((byte) 3)
        .put((byte) 0)
        .put((byte) 1)
        .putInt(0)
        .putShort((short) 8)
        .putShort((short) RtnetlinkParser.RTA_TABLE)
        .putInt(table)
        .putShort((short) 8)
        .putShort((short) RtnetlinkParser.RTA_OIF)
        .putInt(oif)
        .array();
  }

  static ByteBuffer concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.flip();
  }

  @Test
  @DisplayName("link, address and default-route messages in one datagram are all reported")
  void relevant() {
    List<RouteChange> got =
        RtnetlinkParser.parse(
            concat(
                message(RtnetlinkParser.RTM_NEWLINK, link(3, 0x1)),
                message(RtnetlinkParser.RTM_DELADDR, address(3)),
                message(RtnetlinkParser.RTM_NEWROUTE, route(0, 254, 3))));
    assertEquals(3, got.size());
    assertEquals(new RouteChange(RouteChange.Kind.LINK, 3, "link 3 changed"), got.get(0));
    assertEquals(RouteChange.Kind.ADDRESS, got.get(1).kind());
    assertEquals(3, got.get(1).interfaceIndex());
    assertEquals(RouteChange.Kind.DEFAULT_ROUTE, got.get(2).kind());
    assertEquals(3, got.get(2).interfaceIndex());
  }

  @Test
  @DisplayName("loopback links, narrower routes and other tables are ignored")
  void irrelevant() {
    assertTrue(
        RtnetlinkParser.parse(
                concat(
                    message(RtnetlinkParser.RTM_NEWLINK, link(1, RtnetlinkParser.IFF_LOOPBACK)),
                    message(RtnetlinkParser.RTM_NEWROUTE, route(48, 254, 5)),
                    message(RtnetlinkParser.RTM_NEWROUTE, route(0, 255, 5)),
                    message(RtnetlinkParser.RTM_NEWROUTE, route(0, 1000, 5)),
                    message(3, new byte[4])))
            .isEmpty());
  }

  @Test
  @DisplayName("truncated and random datagrams never throw")
  void garbage() {
    byte[] whole = concat(message(RtnetlinkParser.RTM_NEWROUTE, route(0, 254, 2))).array();
    for (int n = 0; n <= whole.length; n++) {
      RtnetlinkParser.parse(ByteBuffer.wrap(whole, 0, n));
    }
    Random r = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      byte[] junk = new byte[r.nextInt(200)];
      r.nextBytes(junk);
      RtnetlinkParser.parse(ByteBuffer.wrap(junk));
    }
  }
}
